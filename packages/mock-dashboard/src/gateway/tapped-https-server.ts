import { constants } from 'node:crypto';
import type { RequestListener } from 'node:http';
import {
  createServer as createHttpsServer,
  type Server as HttpsServer,
  type ServerOptions,
} from 'node:https';
import { Server as NetServer, type Socket } from 'node:net';
import type { PeerLists } from './peer-lists.ts';

/**
 * The gateway's TLS listener. Node's `https.Server` still does the TLS and the HTTP with the
 * caller's options (requestCert, rejectUnauthorized, its default ALPN `http/1.1`, SNI), but never
 * listens itself: this TCP server accepts each connection and injects it through `peers.tap`
 * (a Duplex, as `tls.Server`'s 'connection' event allows), so the client's handshake records are
 * there to read the certificates it sent from.
 *
 * Two handshake options are forced, both toward Go's server. Session resumption is off
 * (`SSL_OP_NO_TICKET`; Node keeps no server session cache without 'newSession' listeners): a
 * resumed handshake carries no Certificate message, and Node restores only the leaf from the
 * session where Go restores every PeerCertificate from its ticket, so every connection makes a
 * full handshake and sends its list again. Renegotiation is refused (`SSL_OP_NO_RENEGOTIATION`),
 * as Go's server does (crypto/tls conn.go `handleRenegotiation` is client-only), so the list read
 * is the only one the connection ever presents.
 */
export class TappedHttpsServer extends NetServer {
  readonly #https: HttpsServer;
  readonly #sockets = new Set<Socket>();

  constructor(options: ServerOptions, listener: RequestListener, peers: PeerLists) {
    // noDelay: what https.Server sets on the sockets it accepts itself.
    super({ noDelay: true });
    const secureOptions =
      (options.secureOptions ?? 0) | constants.SSL_OP_NO_TICKET | constants.SSL_OP_NO_RENEGOTIATION;
    this.#https = createHttpsServer({ ...options, secureOptions }, listener);
    peers.observe(this.#https);
    this.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
      this.#https.emit('connection', peers.tap(socket));
    });
  }

  /** Also ends connections still in their handshake, which the HTTP server does not know yet. */
  closeAllConnections(): void {
    this.#https.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
  }

  override close(done?: (error?: Error) => void): this {
    // Stops the HTTP server's connection-checking timer; it never listened, so nothing else.
    this.#https.close();
    return super.close(done);
  }
}
