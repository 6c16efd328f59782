import { children, readTlv } from '@repo/core/x509';
import { type PkixName, pkixName } from './pkix-name.ts';

/**
 * Reads the issuer and subject `Name`s straight out of a certificate's DER:
 * Certificate → TBSCertificate → [version] serial signature issuer validity subject.
 */
export function certificateNames(der: Uint8Array): { issuer: PkixName; subject: PkixName } {
  const tbs = children(der, readTlv(der, 0))[0]!;
  const fields = children(der, tbs);
  const first = fields[0]?.tag === 0xa0 ? 1 : 0; // the explicit [0] version is absent in v1 certificates
  const issuer = fields[first + 2]!;
  const subject = fields[first + 4]!;
  return {
    issuer: pkixName(der.subarray(issuer.headerStart, issuer.end)),
    subject: pkixName(der.subarray(subject.headerStart, subject.end)),
  };
}
