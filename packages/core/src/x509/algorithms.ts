import type { PublicKeyInfo } from './certificate-info.ts';
import { rsaModulusBits } from './certificate-structure.ts';

/** Signature algorithm OIDs under the names OpenSSL prints. */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

const CURVES: Readonly<Record<string, { name: string; bits: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
};

export function signatureAlgorithmName(oid: string): string {
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}

export function publicKeyInfo(
  algorithmOid: string,
  parameterOid: string | undefined,
  key: Uint8Array,
): PublicKeyInfo {
  switch (algorithmOid) {
    case '1.2.840.113549.1.1.1':
      return { algorithm: 'RSA', bits: rsaModulusBits(key) };
    case '1.2.840.113549.1.1.10':
      return { algorithm: 'RSA-PSS', bits: rsaModulusBits(key) };
    case '1.2.840.10045.2.1': {
      const curve = CURVES[parameterOid ?? ''];
      return { algorithm: 'EC', curve: curve?.name ?? parameterOid ?? 'unknown', bits: curve?.bits ?? 0 };
    }
    case '1.3.101.112':
      return { algorithm: 'Ed25519', bits: 256 };
    case '1.3.101.113':
      return { algorithm: 'Ed448', bits: 456 };
    default:
      return { algorithm: 'unknown', bits: null };
  }
}
