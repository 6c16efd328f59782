import { publicKeyInfo, signatureAlgorithmName } from './algorithms.ts';
import type { CertificateInfo, SubjectAltNames } from './certificate-info.ts';
import { readCertificateStructure } from './certificate-structure.ts';
import { fingerprintsOf } from './fingerprints.ts';
import { commonName, rfc4514 } from './names.ts';
import * as x509 from './peculiar.ts';

const KEY_USAGE_NAMES: ReadonlyArray<[x509.KeyUsageFlags, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
];

const EKU_NAMES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

const EXTENSION = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
} as const;

/**
 * Reads every field the portal shows or searches on. The certificate is split with our DER
 * walker; names and extensions are decoded by @peculiar/x509 from their own bytes only.
 * Throws on anything malformed (the caller maps it to CERTIFICATE_MALFORMED).
 */
export function describe(der: Uint8Array): CertificateInfo {
  const s = readCertificateStructure(der);
  const extension = <T>(oid: string, Type: new (raw: BufferSource) => T): T | undefined => {
    const raw = s.extensions.get(oid);
    return raw ? new Type(raw as Uint8Array<ArrayBuffer>) : undefined;
  };
  const basic = extension(EXTENSION.basicConstraints, x509.BasicConstraintsExtension);
  const eku = extension(EXTENSION.extendedKeyUsage, x509.ExtendedKeyUsageExtension);
  const keyUsage = extension(EXTENSION.keyUsage, x509.KeyUsagesExtension);
  const san = extension(EXTENSION.subjectAltName, x509.SubjectAlternativeNameExtension);
  const subjectName = new x509.Name(s.subject as Uint8Array<ArrayBuffer>);
  const issuerName = new x509.Name(s.issuer as Uint8Array<ArrayBuffer>);
  const subject = { dn: rfc4514(subjectName), cn: commonName(subjectName) };
  const issuer = { dn: rfc4514(issuerName), cn: commonName(issuerName) };
  const isCa = basic?.ca ?? false;
  return {
    der,
    subject,
    issuer,
    serialNumber: s.serialNumber,
    notBefore: s.notBefore,
    notAfter: s.notAfter,
    subjectAltNames: subjectAltNames(san),
    isCa,
    pathLength: isCa && basic?.pathLength !== undefined ? basic.pathLength : null,
    keyUsage: keyUsage
      ? KEY_USAGE_NAMES.filter(([flag]) => (keyUsage.usages & flag) !== 0).map(([, n]) => n)
      : [],
    extendedKeyUsage: eku ? eku.usages.map((u) => EKU_NAMES[String(u)] ?? String(u)) : null,
    publicKey: publicKeyInfo(s.publicKeyAlgorithmOid, s.publicKeyParameterOid, s.publicKey),
    signatureAlgorithm: signatureAlgorithmName(s.signatureAlgorithmOid),
    selfIssued: subject.dn === issuer.dn,
    fingerprints: fingerprintsOf(der),
  };
}

function subjectAltNames(san: x509.SubjectAlternativeNameExtension | undefined): SubjectAltNames {
  const names = san?.names.items ?? [];
  const of = (type: x509.GeneralNameType) => names.filter((n) => n.type === type).map((n) => n.value);
  return { dns: of('dns'), ip: of('ip'), email: of('email'), uri: of('url') };
}
