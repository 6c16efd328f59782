// Public entry of core's pure X.509 module (`@repo/core/x509`): no I/O, no storage, no clock.
// The mock Dashboard imports this and nothing else of core.
export { AllowList, type AllowListCertificate, type AllowListDecision } from './allow-list.ts';
export type {
  CertificateInfo,
  DistinguishedName,
  ParsedChain,
  PublicKeyInfo,
  SubjectAltNames,
} from './certificate-info.ts';
// One DER reader and one @peculiar/x509 bootstrap for every package (the mock reads names with it).
export { children, content, DerError, decodeOid, readTlv, TAG, type Tlv } from './der.ts';
export {
  type Fingerprints,
  fingerprintsOf,
  type NormalisedFingerprint,
  normaliseFingerprint,
  sha256Hex,
  splitTykCertificateId,
  tykCertificateId,
} from './fingerprints.ts';
export { type LintCode, type LintWarning, lintChain, MIN_RSA_BITS } from './lint.ts';
export { parseCertificateDer, parseCertificatePem, refuseExpired } from './parse.ts';
export * as peculiar from './peculiar.ts';
export { MAX_CERTIFICATES, MAX_PEM_BYTES, type PemBlockText, splitPemBundle } from './pem.ts';
export { type PresentedCertificate, presentedCertificate } from './presented.ts';
export {
  type CertificateStatus,
  certificateStatus,
  DEFAULT_EXPIRY_WARNING_DAYS,
  daysUntilExpiry,
} from './status.ts';
export { X509Error, type X509ErrorCode } from './x509.errors.ts';
