import type { Socket } from 'node:net';
import type { TLSSocket, Server as TlsServer } from 'node:tls';
import type { TlsVersion } from './certificate-message.ts';
import { certificatesInClientFlight } from './client-flight.ts';
import { clientRandomOf } from './client-hello.ts';
import { HANDSHAKE_TYPE, HandshakeReassembler } from './handshake-messages.ts';
import { CLIENT_HANDSHAKE_TRAFFIC_SECRET, parseKeylogLine } from './keylog-line.ts';
import { CONTENT_TYPE, type TlsRecord, TlsRecordTap } from './tls-record-tap.ts';

type Read =
  | { readonly ok: true; readonly peers: readonly Uint8Array[] }
  | { readonly ok: false; readonly error: Error };

/** One tapped TCP connection, from its first byte until its list is read. */
class TappedConnection {
  readonly tap: TlsRecordTap;
  readonly hello = new HandshakeReassembler();
  clientRandom: string | undefined;
  clientHandshakeSecret: Buffer | undefined;
  read: Read | undefined;

  constructor(socket: Socket, onRecord: (connection: TappedConnection, record: TlsRecord) => void) {
    this.tap = new TlsRecordTap(socket, (record) => onRecord(this, record));
  }
}

/**
 * The certificates each TLS client sent, exactly as sent and in order: Go's
 * `r.TLS.PeerCertificates`, which Tyk's `ValidateRequestCerts` walks. Node has no API for that
 * list (`getPeerCertificate(true)` re-links the chain by issuer and drops what issued nothing), so
 * it is read from the client's own handshake records: the tap keeps them, the ClientHello's random
 * names the connection, and the server's key log (lines carry that same random) ties it to Node's
 * `TLSSocket` and, for TLS 1.3, hands over the key of the client's encrypted flight.
 */
export class PeerLists {
  readonly #byRandom = new Map<string, TappedConnection[]>();
  readonly #bySocket = new WeakMap<TLSSocket, TappedConnection>();

  /** Wraps a freshly accepted TCP connection; hand the result to the TLS server. */
  tap(socket: Socket): TlsRecordTap {
    const connection = new TappedConnection(socket, (c, record) => this.#onRecord(c, record));
    connection.tap.once('close', () => this.#unindex(connection));
    return connection.tap;
  }

  /** Follows `server`'s key log, and reads each list once its handshake is over. */
  observe(server: TlsServer): void {
    server.on('keylog', (line, socket) => this.#onKeylog(line, socket));
    server.on('secureConnection', (socket: TLSSocket) => {
      const connection = this.#bySocket.get(socket);
      if (connection) this.#settle(connection, socket);
    });
  }

  /** The certificates the client of `socket` sent, DER, leaf first. Throws when they cannot be read. */
  of(socket: TLSSocket): readonly Uint8Array[] {
    const connection = this.#bySocket.get(socket);
    if (!connection) {
      throw new Error(
        'No tapped handshake for this TLS connection: its ClientHello was not seen, or another connection sent the same random.',
      );
    }
    const read = this.#settle(connection, socket);
    if (!read.ok) throw read.error;
    return read.peers;
  }

  #settle(connection: TappedConnection, socket: TLSSocket): Read {
    if (!connection.read) {
      connection.read = readPeers(connection, socket);
      connection.tap.stopRecording();
      this.#unindex(connection);
    }
    return connection.read;
  }

  #onRecord(connection: TappedConnection, record: TlsRecord): void {
    if (connection.clientRandom !== undefined || record.type !== CONTENT_TYPE.handshake) return;
    try {
      const hello = connection.hello.push(record.fragment).find((m) => m.type === HANDSHAKE_TYPE.clientHello);
      if (!hello) return;
      connection.clientRandom = clientRandomOf(hello.body);
      const same = this.#byRandom.get(connection.clientRandom) ?? [];
      this.#byRandom.set(connection.clientRandom, [...same, connection]);
    } catch {
      // Not a ClientHello we can read: OpenSSL refuses the handshake on the same bytes.
    }
  }

  #onKeylog(line: Buffer, socket: TLSSocket): void {
    const parsed = parseKeylogLine(line);
    const candidates = parsed ? this.#byRandom.get(parsed.clientRandom) : undefined;
    // Two live connections with one random cannot be told apart: neither gets a list.
    if (!parsed || candidates?.length !== 1) return;
    const connection = candidates[0]!;
    this.#bySocket.set(socket, connection);
    if (parsed.label === CLIENT_HANDSHAKE_TRAFFIC_SECRET) connection.clientHandshakeSecret = parsed.secret;
  }

  #unindex(connection: TappedConnection): void {
    const random = connection.clientRandom;
    if (random === undefined) return;
    const rest = (this.#byRandom.get(random) ?? []).filter((c) => c !== connection);
    if (rest.length > 0) this.#byRandom.set(random, rest);
    else this.#byRandom.delete(random);
  }
}

function readPeers(connection: TappedConnection, socket: TLSSocket): Read {
  try {
    if (connection.tap.overflowed)
      throw new Error('The client sent more handshake bytes than the tap keeps.');
    const version = socket.getProtocol();
    if (version !== 'TLSv1.2' && version !== 'TLSv1.3') throw new Error(`Unexpected TLS version ${version}`);
    const peers = certificatesInClientFlight(connection.tap.records, {
      version: version satisfies TlsVersion,
      cipherSuite: socket.getCipher().standardName,
      ...(connection.clientHandshakeSecret
        ? { clientHandshakeSecret: connection.clientHandshakeSecret }
        : {}),
    });
    return { ok: true, peers };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
