import { TlsByteReader } from './tls-byte-reader.ts';

export type TlsVersion = 'TLSv1.2' | 'TLSv1.3';

/**
 * The certificates of a client's Certificate handshake message (type 11), DER, in the order the
 * client sent them: what Go keeps as `ConnectionState().PeerCertificates`
 * (handshake_server.go / handshake_server_tls13.go `processCertsFromClient`) and Tyk reads.
 * An empty list is a client that has no certificate to send.
 *
 * - TLS 1.2 (RFC 5246 §7.4.2): `ASN.1Cert certificate_list<0..2^24-1>`, each
 *   `opaque ASN.1Cert<1..2^24-1>` (Go handshake_messages.go `certificateMsg.unmarshal`).
 * - TLS 1.3 (RFC 8446 §4.4.2): `opaque certificate_request_context<0..2^8-1>`, then
 *   `CertificateEntry certificate_list<0..2^24-1>`, each `opaque cert_data<1..2^24-1>` followed
 *   by `Extension extensions<0..2^16-1>` (OCSP status, SCTs), skipped here as Tyk ignores them
 *   (Go `certificateMsgTLS13.unmarshal`, `unmarshalCertificate`).
 */
export function certificatesOf(body: Uint8Array, version: TlsVersion): Uint8Array[] {
  const message = new TlsByteReader(body);
  if (version === 'TLSv1.3') message.vector(1);
  const list = message.nested(3);
  if (!message.empty) throw new Error('Certificate message: bytes after the certificate list');
  const certificates: Uint8Array[] = [];
  while (!list.empty) {
    const der = list.vector(3);
    if (der.length === 0) throw new Error('Certificate message: an empty certificate');
    certificates.push(Uint8Array.from(der));
    if (version === 'TLSv1.3') list.vector(2);
  }
  return certificates;
}
