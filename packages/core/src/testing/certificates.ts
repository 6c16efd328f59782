import { webcrypto } from 'node:crypto';
import * as x509 from '../x509/peculiar.ts';

/** Key types the tests cover. */
export type TestKeySpec = 'rsa-1024' | 'rsa-2048' | 'rsa-4096' | 'p-256' | 'p-384' | 'ed25519';

/** A certificate made in a test, with its private key (the key never goes near the code under test). */
export interface TestCertificate {
  readonly pem: string;
  readonly der: Uint8Array;
  /** PKCS#8 PEM of the private key, for TLS clients. */
  readonly keyPem: string;
  readonly keys: CryptoKeyPair;
  readonly cert: x509.X509Certificate;
  readonly signingAlgorithm: Algorithm;
}

export interface TestCertificateOptions {
  /** RFC 4514-ish name as @peculiar/x509 reads it, e.g. `CN=client, O=Acme`. */
  readonly name?: string;
  readonly key?: TestKeySpec;
  /** A new key instead of the per-process one for this spec (keys are cached because RSA is slow). */
  readonly freshKey?: boolean;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Signs with this certificate; self-signed when absent. */
  readonly issuer?: TestCertificate;
  readonly ca?: boolean;
  readonly pathLength?: number;
  /** EKU OIDs or names; `null` omits the extension. Leaves default to clientAuth, CAs to none. */
  readonly eku?: readonly string[] | null;
  readonly san?: { dns?: string[]; ip?: string[]; email?: string[]; uri?: string[] };
  /**
   * Hash of a self-signed certificate's signature (WebCrypto binds the hash to the RSA/ECDSA key, so an
   * issued certificate is signed with its issuer's hash). SHA-1 exists to test the lint warning.
   */
  readonly hash?: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
}

const DAY = 86_400_000;
const keyCache = new Map<string, Promise<CryptoKeyPair>>();

const EKU_OIDS: Readonly<Record<string, string>> = {
  serverAuth: x509.ExtendedKeyUsage.serverAuth,
  clientAuth: x509.ExtendedKeyUsage.clientAuth,
  codeSigning: x509.ExtendedKeyUsage.codeSigning,
  emailProtection: x509.ExtendedKeyUsage.emailProtection,
};

/** Makes a real X.509 certificate: a CA, an intermediate (pass `issuer` and `ca`) or a leaf. */
export async function makeCertificate(options: TestCertificateOptions = {}): Promise<TestCertificate> {
  const spec = options.key ?? 'p-256';
  const hash = options.issuer ? undefined : options.hash;
  const keys = options.freshKey ? await generateKeys(spec, hash) : await cachedKeys(spec, hash);
  const signer = options.issuer;
  const signingAlgorithm = signer ? signer.signingAlgorithm : keyAlgorithm(spec, hash);
  const ca = options.ca ?? false;
  const now = Date.now();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(ca, ca ? options.pathLength : undefined, true),
    new x509.KeyUsagesExtension(
      ca
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
        : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const eku = options.eku === undefined ? (ca ? null : ['clientAuth']) : options.eku;
  if (eku) extensions.push(new x509.ExtendedKeyUsageExtension(eku.map((u) => EKU_OIDS[u] ?? u)));
  if (signer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(signer.keys.publicKey));
  if (options.san) extensions.push(new x509.SubjectAlternativeNameExtension(sanEntries(options.san)));
  const common = {
    serialNumber: randomSerial(),
    notBefore: options.notBefore ?? new Date(now - DAY),
    notAfter: options.notAfter ?? new Date(now + 365 * DAY),
    signingAlgorithm,
    extensions,
  };
  const name = options.name ?? (ca ? 'CN=Test CA' : 'CN=test client');
  const cert = signer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: signer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: signer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as webcrypto.CryptoKey);
  return {
    pem: cert.toString('pem'),
    der: new Uint8Array(cert.rawData),
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    keys,
    cert,
    signingAlgorithm: keyAlgorithm(spec, hash),
  };
}

/** PEM of several certificates, leaf first, as a chain file. */
export function pemBundle(...certs: TestCertificate[]): string {
  return `${certs.map((c) => c.pem.trim()).join('\n')}\n`;
}

function keyAlgorithm(spec: TestKeySpec, hash?: TestCertificateOptions['hash']): Algorithm {
  switch (spec) {
    case 'rsa-1024':
    case 'rsa-2048':
    case 'rsa-4096':
      return {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: Number(spec.slice(4)),
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: hash ?? 'SHA-256',
      } as Algorithm;
    case 'p-256':
      return { name: 'ECDSA', namedCurve: 'P-256', hash: hash ?? 'SHA-256' } as Algorithm;
    case 'p-384':
      return { name: 'ECDSA', namedCurve: 'P-384', hash: hash ?? 'SHA-384' } as Algorithm;
    case 'ed25519':
      return { name: 'Ed25519' };
  }
}

function cachedKeys(spec: TestKeySpec, hash: TestCertificateOptions['hash']): Promise<CryptoKeyPair> {
  const cacheKey = `${spec}/${hash ?? 'default'}`;
  let keys = keyCache.get(cacheKey);
  if (!keys) {
    keys = generateKeys(spec, hash);
    keyCache.set(cacheKey, keys);
  }
  return keys;
}

async function generateKeys(spec: TestKeySpec, hash: TestCertificateOptions['hash']): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(keyAlgorithm(spec, hash) as RsaHashedKeyGenParams, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

function sanEntries(san: NonNullable<TestCertificateOptions['san']>): x509.JsonGeneralNames {
  return [
    ...(san.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(san.ip ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(san.email ?? []).map((value) => ({ type: 'email' as const, value })),
    ...(san.uri ?? []).map((value) => ({ type: 'url' as const, value })),
  ];
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f; // positive INTEGER
  return Buffer.from(bytes).toString('hex');
}
