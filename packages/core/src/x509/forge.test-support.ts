// Test support only (imported by *.test.ts; it belongs in src/testing, which this change may not
// touch): builds the certificates Go's verifier treats specially — raw name encodings, critical
// extensions, name constraints, SHA-1/MD5 and RSA-PSS signatures — that makeCertificate cannot.
import { constants, KeyObject, sign, webcrypto } from 'node:crypto';
import type { AllowListCertificate } from './allow-list.ts';
import { children, encoding, readTlv } from './der.ts';
import { sha256Hex, tykCertificateId } from './fingerprints.ts';
import * as x509 from './peculiar.ts';

export type ForgeKey = 'p-256' | 'rsa-2048' | 'ed25519';

/** How the issuer signs, when not its key's default (SHA-256, or Ed25519). */
export type ForgeSignature =
  | { readonly kind: 'SHA-1' | 'MD5' | 'SHA-224' }
  | { readonly kind: 'PSS'; readonly hash: 'sha256' | 'sha384' | 'sha512'; readonly saltLength: number };

export interface Forged {
  readonly der: Uint8Array;
  readonly keys: CryptoKeyPair;
  readonly key: ForgeKey;
  /** The subject exactly as encoded, so children can name it byte for byte. */
  readonly subject: x509.Name;
}

export interface ForgeOptions {
  /** `CN=…` string, or JSON naming the string type (`[{ CN: [{ utf8String: '…' }] }]`). */
  readonly subject: string | x509.JsonNameParams;
  /** Signs with this certificate's key; self-signed when absent. */
  readonly issuer?: Forged;
  readonly key?: ForgeKey;
  /** Reuses a key pair (a CA re-issued with the same key). */
  readonly keys?: CryptoKeyPair;
  readonly ca?: boolean;
  /** EKU OIDs; none by default, so Go's Verify (serverAuth) accepts the certificate. */
  readonly eku?: readonly string[];
  readonly san?: x509.JsonGeneralNames;
  /** Replaces the authority key identifier (Go only uses it to order candidates). */
  readonly authorityKeyId?: Uint8Array;
  readonly extensions?: readonly x509.Extension[];
  readonly signature?: ForgeSignature;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

const DAY = 86_400_000;
const keyCache = new Map<ForgeKey, Promise<CryptoKeyPair>>();

export async function forge(options: ForgeOptions): Promise<Forged> {
  const key = options.key ?? 'p-256';
  const keys = options.keys ?? (await forgeKeys(key));
  const signer = options.issuer ?? { keys, key, subject: undefined };
  const ca = options.ca ?? false;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(ca, undefined, true),
    new x509.KeyUsagesExtension(
      ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (options.authorityKeyId) {
    const value = seq(tlv(0x80, options.authorityKeyId));
    extensions.push(new x509.Extension('2.5.29.35', false, value));
  } else if (options.issuer) {
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(options.issuer.keys.publicKey));
  }
  if (options.eku) extensions.push(new x509.ExtendedKeyUsageExtension([...options.eku]));
  if (options.san) extensions.push(new x509.SubjectAlternativeNameExtension(options.san));
  extensions.push(...(options.extensions ?? []));
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^./, '1'),
    notBefore: options.notBefore ?? new Date(now - DAY),
    notAfter: options.notAfter ?? new Date(now + 30 * DAY),
    subject: asName(options.subject),
    issuer: signer.subject ?? asName(options.subject),
    publicKey: keys.publicKey,
    signingKey: signer.keys.privateKey,
    signingAlgorithm: webAlgorithm(signer.key),
    extensions,
  });
  let der = new Uint8Array(cert.rawData);
  if (options.signature) der = resign(der, signer.keys.privateKey, options.signature);
  return { der, keys, key, subject: new x509.X509Certificate(der).subjectName };
}

function asName(name: string | x509.JsonNameParams): string | x509.Name {
  return typeof name === 'string' ? name : new x509.Name(name);
}

/** One key pair per type for the process: RSA generation is slow, and tests only need names to differ. */
export function forgeKeys(key: ForgeKey, fresh = false): Promise<CryptoKeyPair> {
  const cached = keyCache.get(key);
  if (cached && !fresh) return cached;
  const keys = webcrypto.subtle.generateKey(webAlgorithm(key) as RsaHashedKeyGenParams, true, [
    'sign',
    'verify',
  ]) as Promise<CryptoKeyPair>;
  if (!fresh) keyCache.set(key, keys);
  return keys;
}

function webAlgorithm(key: ForgeKey): Algorithm {
  switch (key) {
    case 'p-256':
      return { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as Algorithm;
    case 'rsa-2048':
      return {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      } as Algorithm;
    case 'ed25519':
      return { name: 'Ed25519' };
  }
}

/** Re-signs the TBSCertificate with `signature`, rewriting both AlgorithmIdentifiers. */
function resign(der: Uint8Array, privateKey: CryptoKey, signature: ForgeSignature): Bytes {
  const key = KeyObject.from(privateKey as webcrypto.CryptoKey);
  const rsa = key.asymmetricKeyType === 'rsa';
  const [tbs] = children(der, readTlv(der, 0));
  const fields = children(der, tbs!);
  const at = fields[0]!.tag === 0xa0 ? 2 : 1;
  const ai = algorithmIdentifier(signature, rsa);
  const newTbs = seq(...fields.map((field, i) => (i === at ? ai : encoding(der, field))));
  const digest = signature.kind === 'PSS' ? signature.hash : signature.kind.toLowerCase().replace('-', '');
  const value = sign(
    digest,
    newTbs,
    signature.kind === 'PSS'
      ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: signature.saltLength }
      : key,
  );
  return seq(newTbs, ai, tlv(0x03, new Uint8Array([0]), value));
}

const HASH_OIDS = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};

function algorithmIdentifier(signature: ForgeSignature, rsa: boolean): Bytes {
  const NULL = tlv(0x05);
  switch (signature.kind) {
    case 'MD5':
      return seq(oid('1.2.840.113549.1.1.4'), NULL);
    case 'SHA-1':
      return rsa ? seq(oid('1.2.840.113549.1.1.5'), NULL) : seq(oid('1.2.840.10045.4.1'));
    case 'SHA-224':
      return rsa ? seq(oid('1.2.840.113549.1.1.14'), NULL) : seq(oid('1.2.840.10045.4.3.1'));
    case 'PSS': {
      const hash = seq(oid(HASH_OIDS[signature.hash]), NULL);
      const params = seq(
        tlv(0xa0, hash),
        tlv(0xa1, seq(oid('1.2.840.113549.1.1.8'), hash)),
        tlv(0xa2, integer(signature.saltLength)),
      );
      return seq(oid('1.2.840.113549.1.1.10'), params);
    }
  }
}

// A minimal DER writer for the structures above and for extension values in tests.

type Bytes = Uint8Array<ArrayBuffer>;

export function tlv(tag: number, ...parts: Uint8Array[]): Bytes {
  const content = Buffer.concat(parts);
  const n = content.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...length]), content]));
}

export const seq = (...parts: Uint8Array[]): Bytes => tlv(0x30, ...parts);

export const text = (tag: number, value: string): Bytes => tlv(tag, Buffer.from(value, 'latin1'));

export function integer(value: number): Bytes {
  const bytes: number[] = [];
  let n = value;
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, new Uint8Array(bytes));
}

export function oid(dotted: string): Bytes {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [];
  for (const arc of [a! * 40 + b!, ...rest]) {
    const group = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) group.unshift((n & 0x7f) | 0x80);
    bytes.push(...group);
  }
  return tlv(0x06, new Uint8Array(bytes));
}

/** An allow-list row for a certificate uploaded on its own (id, fingerprint and DER agree). */
export function listed(der: Uint8Array, org = '5e9d9544a1dcd60001d0ed20'): AllowListCertificate {
  const sha256 = sha256Hex(der);
  return { id: tykCertificateId(org, sha256), fingerprint: sha256, der };
}
