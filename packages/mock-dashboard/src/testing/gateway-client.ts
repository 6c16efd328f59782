import { request } from 'node:https';
import type { ConnectionOptions, TLSSocket } from 'node:tls';

export interface GatewayResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
  /** The negotiated TLS version, `TLSv1.3` or `TLSv1.2`. */
  readonly protocol: string | null;
}

/** Handshake options passed through to `tls.connect`. */
export type TlsChoice = Pick<ConnectionOptions, 'maxVersion' | 'minVersion' | 'ciphers'>;

export interface ClientIdentity {
  /** PEM: the leaf, optionally followed by the chain the client sends. */
  readonly cert: string;
  readonly key: string;
}

/**
 * One real TLS request to the gateway. `agent: false` gives every call its own connection, so a
 * certificate is never carried over from an earlier call's session.
 */
export function gatewayGet(
  url: string,
  options: { identity?: ClientIdentity; headers?: Record<string, string>; tls?: TlsChoice } = {},
): Promise<GatewayResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        agent: false,
        rejectUnauthorized: false,
        headers: options.headers,
        ...options.tls,
        ...(options.identity ? { cert: options.identity.cert, key: options.identity.key } : {}),
      },
      (res) => {
        const protocol = (res.socket as TLSSocket).getProtocol();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            body = {};
          }
          resolve({ status: res.statusCode ?? 0, body, text, protocol });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
