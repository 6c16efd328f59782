import { type CertificateStructure, rsaModulusBits } from './certificate-structure.ts';
import { children, content, decodeOid, readTlv, TAG, type Tlv } from './der.ts';

/** The key types Go's checkSignature verifies certificate signatures with. */
export type SigningKeyType = 'RSA' | 'ECDSA' | 'Ed25519';

/**
 * What Go makes of a certificate's signature algorithm (x509.go getSignatureAlgorithmFromAI,
 * checkSignature with allowSHA1 = false, as CheckSignatureFrom passes).
 */
export type SignatureAlgorithmVerdict =
  | { readonly verifiable: true; readonly keyType: SigningKeyType }
  | { readonly verifiable: false; readonly reason: 'INSECURE' | 'UNSUPPORTED' };

const SIGNATURE_KEY_TYPES: Readonly<Record<string, SigningKeyType>> = {
  '1.2.840.113549.1.1.11': 'RSA', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': 'RSA',
  '1.2.840.113549.1.1.13': 'RSA',
  '1.2.840.10045.4.3.2': 'ECDSA', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3': 'ECDSA',
  '1.2.840.10045.4.3.4': 'ECDSA',
};

// MD5 and SHA-1 hashes: InsecureAlgorithmError since Go 1.18 (DSA-SHA1 too, before the key check).
const INSECURE = new Set([
  '1.2.840.113549.1.1.4', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5', // sha1WithRSAEncryption
  '1.3.14.3.2.29', // sha1WithRSA (ISO), seen from makecert.exe
  '1.2.840.10045.4.1', // ecdsa-with-SHA1
  '1.2.840.10040.4.3', // dsa-with-sha1
]);

const ED25519 = '1.3.101.112';
const RSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';
// RSA-PSS is accepted only with these hash / salt pairs (salt length = hash length).
const PSS_SALT: Readonly<Record<string, number>> = {
  '2.16.840.1.101.3.4.2.1': 32,
  '2.16.840.1.101.3.4.2.2': 48,
  '2.16.840.1.101.3.4.2.3': 64,
};

const UNSUPPORTED: SignatureAlgorithmVerdict = { verifiable: false, reason: 'UNSUPPORTED' };

/** Reads an AlgorithmIdentifier as Go does: SHA-2 RSA/ECDSA, Ed25519 and hash-length-salt PSS only. */
export function signatureAlgorithmVerdict(algorithmIdentifier: Uint8Array): SignatureAlgorithmVerdict {
  const [algorithm, parameters] = children(algorithmIdentifier, readTlv(algorithmIdentifier, 0));
  const oid = decodeOid(content(algorithmIdentifier, algorithm!));
  if (INSECURE.has(oid)) return { verifiable: false, reason: 'INSECURE' };
  const keyType = SIGNATURE_KEY_TYPES[oid];
  if (keyType) return { verifiable: true, keyType };
  // RFC 8410 §3: Ed25519 parameters MUST be absent; Go treats any as an unknown algorithm.
  if (oid === ED25519) return parameters ? UNSUPPORTED : { verifiable: true, keyType: 'Ed25519' };
  if (oid === RSA_PSS && parameters && pssParametersAccepted(algorithmIdentifier, parameters)) {
    return { verifiable: true, keyType: 'RSA' };
  }
  return UNSUPPORTED;
}

/**
 * x509.go getSignatureAlgorithmFromAI for RSASSA-PSS: hash, MGF and salt length explicit (their
 * SHA-1 defaults are refused), MGF1 over the same hash, NULL or absent hash parameters, salt
 * length equal to the hash length, trailer field 1; and checkSignature verifies with
 * rsa.PSSSaltLengthEqualsHash.
 */
function pssParametersAccepted(bytes: Uint8Array, parameters: Tlv): boolean {
  if (parameters.tag !== TAG.SEQUENCE) return false;
  const fields = new Map(children(bytes, parameters).map((f) => [f.tag, children(bytes, f)[0]] as const));
  const hash = fields.get(0xa0);
  const mgf = fields.get(0xa1);
  const salt = fields.get(0xa2);
  const trailer = fields.get(0xa3);
  if (!hash || !mgf || !salt || hash.tag !== TAG.SEQUENCE || mgf.tag !== TAG.SEQUENCE) return false;
  const [hashOid, hashParams] = children(bytes, hash);
  const [mgfOid, mgfHash] = children(bytes, mgf);
  if (!hashOid || !nullOrAbsent(hashParams) || !mgfOid || oidOf(bytes, mgfOid) !== MGF1) return false;
  if (!mgfHash || mgfHash.tag !== TAG.SEQUENCE) return false;
  const [mgfHashOid, mgfHashParams] = children(bytes, mgfHash);
  const hashName = oidOf(bytes, hashOid);
  if (!mgfHashOid || oidOf(bytes, mgfHashOid) !== hashName || !nullOrAbsent(mgfHashParams)) return false;
  if (trailer && integerValue(bytes, trailer) !== 1) return false;
  return PSS_SALT[hashName] !== undefined && integerValue(bytes, salt) === PSS_SALT[hashName];
}

function oidOf(bytes: Uint8Array, tlv: Tlv): string {
  return tlv.tag === TAG.OID ? decodeOid(content(bytes, tlv)) : '';
}

function nullOrAbsent(tlv: Tlv | undefined): boolean {
  return !tlv || (tlv.tag === TAG.NULL && tlv.end === tlv.start);
}

function integerValue(bytes: Uint8Array, tlv: Tlv): number {
  if (tlv.tag !== TAG.INTEGER || tlv.end - tlv.start > 4) return Number.NaN;
  let n = 0;
  for (const b of content(bytes, tlv)) n = n * 256 + b;
  return n;
}

const EC_CURVES = new Set(['1.3.132.0.33', '1.2.840.10045.3.1.7', '1.3.132.0.34', '1.3.132.0.35']);

/**
 * The issuer key Go can check signatures with (parser.go parsePublicKey, x509.go checkSignature),
 * or undefined: an RSASSA-PSS or unknown key leaves Certificate.PublicKey nil (buildChains skips
 * the candidate); an EC key off P-224/256/384/521 fails parsing; crypto/rsa refuses keys under
 * 1024 bits (rsa1024min); DSA keys verify nothing.
 */
export function signingKeyType(structure: CertificateStructure): SigningKeyType | undefined {
  switch (structure.publicKeyAlgorithmOid) {
    case '1.2.840.113549.1.1.1':
      return rsaModulusBits(structure.publicKey) >= 1024 ? 'RSA' : undefined;
    case '1.2.840.10045.2.1':
      return EC_CURVES.has(structure.publicKeyParameterOid ?? '') ? 'ECDSA' : undefined;
    case ED25519:
      return 'Ed25519';
    default:
      return undefined;
  }
}
