import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

/**
 * The client's certificates, leaf first, as DER (Go's `r.TLS.PeerCertificates`).
 * Node's `getPeerCertificate(true)` links them through `issuerCertificate`; a self-signed
 * certificate links to itself, so the walk stops at the first repeat. Node also appends issuers
 * found in the server's trust store; the gateway's store holds only its own certificate (see
 * `startGateway`), so nothing the client did not send ends up here.
 */
export function peerChain(socket: TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new Uint8Array(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}
