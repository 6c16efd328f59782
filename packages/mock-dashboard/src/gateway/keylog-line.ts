/** One line of the SSLKEYLOGFILE format that Node's `keylog` event hands over. */
export interface KeylogLine {
  /** `CLIENT_RANDOM` (TLS 1.2), `CLIENT_HANDSHAKE_TRAFFIC_SECRET`, … (TLS 1.3). */
  readonly label: string;
  /** The connection's ClientHello random, lower-case hex. */
  readonly clientRandom: string;
  readonly secret: Buffer;
}

/** The label whose secret protects the client's TLS 1.3 handshake flight (Go: `keyLogLabelClientHandshake`). */
export const CLIENT_HANDSHAKE_TRAFFIC_SECRET = 'CLIENT_HANDSHAKE_TRAFFIC_SECRET';

/**
 * `<label> <client random hex> <secret hex>`, the NSS key log format that OpenSSL writes and Go's
 * `Config.KeyLogWriter` too (crypto/tls common.go `writeKeyLog`). Undefined for anything else.
 */
export function parseKeylogLine(line: Buffer | string): KeylogLine | undefined {
  const [label, random, secret, ...rest] = line.toString('latin1').trim().split(' ');
  if (!label || !random || !secret || rest.length > 0) return undefined;
  if (!/^[0-9a-f]{64}$/i.test(random) || !/^(?:[0-9a-f]{2})+$/i.test(secret)) return undefined;
  return { label, clientRandom: random.toLowerCase(), secret: Buffer.from(secret, 'hex') };
}
