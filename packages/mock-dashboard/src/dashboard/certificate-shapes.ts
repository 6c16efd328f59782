import type { StoredCertificate } from '../state/stored-certificate.ts';

/** Go writes `time.Time` as RFC 3339 without fractional seconds when they are zero. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

function dnsNames(certificate: StoredCertificate): string[] | null {
  const names = certificate.leaf.subjectAltNames.dns;
  return names.length > 0 ? [...names] : null; // a nil Go slice is written as null
}

/** `CertificateBasics` (Tyk `certs/manager.go`), the `mode=detailed` list row. */
export function certificateBasics(certificate: StoredCertificate) {
  return {
    id: certificate.id,
    issuer_cn: certificate.issuer.CommonName,
    subject_cn: certificate.subject.CommonName,
    dns_names: dnsNames(certificate),
    has_private: certificate.hasPrivate,
    not_before: rfc3339(certificate.leaf.notBefore),
    not_after: rfc3339(certificate.leaf.notAfter),
    is_ca: certificate.leaf.isCa,
  };
}

/** `CertificateMeta`, the answer of `GET /api/certs/{id}` and the rows of `/api/certs/details`. */
export function certificateMeta(certificate: StoredCertificate) {
  return {
    id: certificate.id,
    fingerprint: certificate.fingerprint,
    has_private: certificate.hasPrivate,
    issuer: certificate.issuer,
    subject: certificate.subject,
    not_before: rfc3339(certificate.leaf.notBefore),
    not_after: rfc3339(certificate.leaf.notAfter),
    dns_names: dnsNames(certificate),
    is_ca: certificate.leaf.isCa,
  };
}
