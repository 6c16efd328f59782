import { TlsByteReader } from './tls-byte-reader.ts';

/**
 * The 32-byte `random` of a ClientHello body, in lower-case hex: legacy_version(2), then random
 * (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2 has the same layout). A retried ClientHello after a
 * HelloRetryRequest keeps the same random (§4.1.2), and every key-log line names the connection
 * by it, so it is what ties a tapped connection to Node's TLS socket.
 */
export function clientRandomOf(body: Uint8Array): string {
  const reader = new TlsByteReader(body);
  reader.take(2);
  return Buffer.from(reader.take(32)).toString('hex');
}
