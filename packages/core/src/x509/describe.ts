import { fingerprintsOf } from './fingerprints.ts';
import type { CertificateInfo, PublicKeyInfo, SubjectAltNames } from './certificate-info.ts';
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

const CURVE_BITS: Readonly<Record<string, number>> = { 'P-256': 256, 'P-384': 384, 'P-521': 521, 'K-256': 256 };

/** Reads every field the portal shows or searches on from a parsed certificate. */
export function describe(cert: x509.X509Certificate, der: Uint8Array): CertificateInfo {
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  const isCa = basic?.ca ?? false;
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const subject = { dn: rfc4514(cert.subjectName), cn: commonName(cert.subjectName) };
  const issuer = { dn: rfc4514(cert.issuerName), cn: commonName(cert.issuerName) };
  return {
    der,
    subject,
    issuer,
    serialNumber: cert.serialNumber.toLowerCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    subjectAltNames: subjectAltNames(cert),
    isCa,
    pathLength: isCa && basic?.pathLength !== undefined ? basic.pathLength : null,
    keyUsage: keyUsage(cert),
    extendedKeyUsage: eku ? eku.usages.map((u) => EKU_NAMES[String(u)] ?? String(u)) : null,
    publicKey: publicKeyInfo(cert.publicKey.algorithm),
    signatureAlgorithm: signatureAlgorithmName(cert.signatureAlgorithm),
    selfIssued: subject.dn === issuer.dn,
    fingerprints: fingerprintsOf(der),
  };
}

function subjectAltNames(cert: x509.X509Certificate): SubjectAltNames {
  const names = cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.items ?? [];
  const of = (type: x509.GeneralNameType) => names.filter((n) => n.type === type).map((n) => n.value);
  return { dns: of('dns'), ip: of('ip'), email: of('email'), uri: of('url') };
}

function keyUsage(cert: x509.X509Certificate): string[] {
  const ext = cert.getExtension(x509.KeyUsagesExtension);
  if (!ext) return [];
  return KEY_USAGE_NAMES.filter(([flag]) => (ext.usages & flag) !== 0).map(([, name]) => name);
}

function publicKeyInfo(algorithm: Algorithm): PublicKeyInfo {
  const a = algorithm as Algorithm & { modulusLength?: number; namedCurve?: string };
  switch (a.name) {
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-OAEP':
      return { algorithm: 'RSA', bits: a.modulusLength ?? 0 };
    case 'RSA-PSS':
      return { algorithm: 'RSA-PSS', bits: a.modulusLength ?? 0 };
    case 'ECDSA':
    case 'ECDH':
      return { algorithm: 'EC', curve: a.namedCurve ?? 'unknown', bits: CURVE_BITS[a.namedCurve ?? ''] ?? 0 };
    case 'Ed25519':
      return { algorithm: 'Ed25519', bits: 256 };
    case 'Ed448':
      return { algorithm: 'Ed448', bits: 456 };
    default:
      return { algorithm: 'unknown', bits: null };
  }
}

function signatureAlgorithmName(algorithm: x509.HashedAlgorithm): string {
  const hash = algorithm.hash?.name?.replace('-', '') ?? '';
  switch (algorithm.name) {
    case 'RSASSA-PKCS1-v1_5':
      return `${hash.toLowerCase()}WithRSAEncryption`;
    case 'RSA-PSS':
      return 'rsassaPss';
    case 'ECDSA':
      return `ecdsa-with-${hash}`;
    case 'Ed25519':
    case 'Ed448':
      return algorithm.name.toUpperCase();
    default:
      return algorithm.name;
  }
}
