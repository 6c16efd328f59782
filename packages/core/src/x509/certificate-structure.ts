import {
  children,
  content,
  DerError,
  decodeOid,
  decodeTime,
  encoding,
  expectTag,
  readTlv,
  TAG,
  type Tlv,
} from './der.ts';

/** The parts of a certificate the portal reads, still encoded where decoding is left to @peculiar/x509. */
export interface CertificateStructure {
  readonly serialNumber: string;
  readonly signatureAlgorithmOid: string;
  /** The TBSCertificate's whole AlgorithmIdentifier (RSA-PSS keeps its parameters there). */
  readonly signatureAlgorithm: Uint8Array;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKeyAlgorithmOid: string;
  /** The curve OID for EC keys, undefined otherwise. */
  readonly publicKeyParameterOid: string | undefined;
  /** The subjectPublicKey BIT STRING content, unused-bits byte removed. */
  readonly publicKey: Uint8Array;
  /** The whole SubjectPublicKeyInfo encoding. */
  readonly subjectPublicKeyInfo: Uint8Array;
  /** Extension id → DER of the whole Extension (what @peculiar/x509's extension classes take). */
  readonly extensions: ReadonlyMap<string, Uint8Array>;
}

/** Splits a DER certificate (RFC 5280 §4.1). Throws `DerError` for anything that is not one. */
export function readCertificateStructure(der: Uint8Array): CertificateStructure {
  const outer = expectTag(readTlv(der, 0), TAG.SEQUENCE, 'Certificate');
  if (outer.end !== der.length) throw new DerError('trailing bytes');
  const [tbs, signatureAlgorithm, signature, ...rest] = children(der, outer);
  expectTag(signatureAlgorithm, TAG.SEQUENCE, 'signatureAlgorithm');
  expectTag(signature, TAG.BIT_STRING, 'signatureValue');
  if (rest.length > 0) throw new DerError('extra fields in Certificate');
  const fields = children(der, expectTag(tbs, TAG.SEQUENCE, 'TBSCertificate'));
  let i = fields[0]?.tag === 0xa0 ? 1 : 0; // version [0] EXPLICIT is absent for v1
  const serial = expectTag(fields[i++], TAG.INTEGER, 'serialNumber');
  const signatureAlgorithmTlv = expectTag(fields[i++], TAG.SEQUENCE, 'signature');
  const signatureOid = algorithmOid(der, signatureAlgorithmTlv);
  const issuer = expectTag(fields[i++], TAG.SEQUENCE, 'issuer');
  const validity = children(der, expectTag(fields[i++], TAG.SEQUENCE, 'validity'));
  const subject = expectTag(fields[i++], TAG.SEQUENCE, 'subject');
  const spkiTlv = expectTag(fields[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  const spki = children(der, spkiTlv);
  const extensions = new Map<string, Uint8Array>();
  for (const field of fields.slice(i)) {
    if (field.tag !== 0xa3) continue; // issuer/subject unique ids [1] [2] are not read
    for (const ext of children(der, expectTag(children(der, field)[0], TAG.SEQUENCE, 'Extensions'))) {
      const id = expectTag(children(der, ext)[0], TAG.OID, 'extnID');
      extensions.set(decodeOid(content(der, id)), encoding(der, ext));
    }
  }
  if (validity.length !== 2 || spki.length !== 2) throw new DerError('bad validity or key info');
  const keyAlgorithm = children(der, expectTag(spki[0], TAG.SEQUENCE, 'algorithm'));
  const keyBits = content(der, expectTag(spki[1], TAG.BIT_STRING, 'subjectPublicKey'));
  return {
    serialNumber: Buffer.from(stripSignByte(content(der, serial))).toString('hex'),
    signatureAlgorithmOid: signatureOid,
    signatureAlgorithm: encoding(der, signatureAlgorithmTlv),
    issuer: encoding(der, issuer),
    subject: encoding(der, subject),
    notBefore: decodeTime(der, validity[0]!),
    notAfter: decodeTime(der, validity[1]!),
    publicKeyAlgorithmOid: decodeOid(content(der, expectTag(keyAlgorithm[0], TAG.OID, 'key algorithm'))),
    publicKeyParameterOid:
      keyAlgorithm[1]?.tag === TAG.OID ? decodeOid(content(der, keyAlgorithm[1])) : undefined,
    publicKey: keyBits.subarray(1),
    subjectPublicKeyInfo: encoding(der, spkiTlv),
    extensions,
  };
}

/** Bit length of an RSA modulus from the RSAPublicKey SEQUENCE inside subjectPublicKey. */
export function rsaModulusBits(publicKey: Uint8Array): number {
  const sequence = expectTag(readTlv(publicKey, 0), TAG.SEQUENCE, 'RSAPublicKey');
  const modulus = stripSignByte(
    content(publicKey, expectTag(children(publicKey, sequence)[0], TAG.INTEGER, 'modulus')),
  );
  if (modulus.length === 0) return 0;
  return (modulus.length - 1) * 8 + (32 - Math.clz32(modulus[0]!));
}

function algorithmOid(der: Uint8Array, algorithm: Tlv): string {
  return decodeOid(content(der, expectTag(children(der, algorithm)[0], TAG.OID, 'algorithm')));
}

function stripSignByte(value: Uint8Array): Uint8Array {
  return value.length > 1 && value[0] === 0 ? value.subarray(1) : value;
}

/** The parts of one Extension (RFC 5280 §4.1): `critical` defaults to FALSE. */
export function extensionParts(extension: Uint8Array): {
  readonly critical: boolean;
  readonly value: Uint8Array;
} {
  const [, second, third] = children(extension, readTlv(extension, 0));
  const flag = second?.tag === TAG.BOOLEAN ? second : undefined;
  const value = expectTag(flag ? third : second, TAG.OCTET_STRING, 'extnValue');
  return { critical: flag !== undefined && extension[flag.start] !== 0, value: content(extension, value) };
}
