import { X509Certificate as NativeCertificate } from 'node:crypto';
import { makeCertificate, pemBundle } from '../src/testing/certificates.ts';
import { AllowList, type AllowListCertificate, parseCertificatePem, sha256Hex } from '../src/x509/index.ts';
import { measure, print, round } from './report.ts';

/** Parse rate beside Node's native X509Certificate, and allow-list decisions with 10,000 entries. */
export async function benchX509(): Promise<void> {
  const root = await makeCertificate({ name: 'CN=Bench Root', ca: true, key: 'rsa-2048' });
  const issuing = await makeCertificate({
    name: 'CN=Bench Issuing',
    ca: true,
    issuer: root,
    key: 'rsa-2048',
  });
  const leaf = await makeCertificate({
    name: 'CN=bench leaf',
    issuer: issuing,
    key: 'rsa-2048',
    san: { dns: ['a.test'] },
  });
  const chain = pemBundle(leaf, issuing, root);

  // Node's constructor parses; reading the fields the portal stores makes the comparison like for like.
  const nativeWithFields = (pem: string) => {
    for (const block of pem.split(/(?=-----BEGIN CERTIFICATE-----)/)) {
      const c = new NativeCertificate(block);
      void [c.subject, c.issuer, c.serialNumber, c.validFrom, c.validTo, c.subjectAltName, c.ca, c.keyUsage];
      void [c.fingerprint256, c.fingerprint, c.publicKey.asymmetricKeyDetails];
    }
  };
  const parse = await measure('x509.parse', [
    { name: 'leaf rsa-2048: parseCertificatePem', fn: () => parseCertificatePem(leaf.pem) },
    { name: 'leaf rsa-2048: node X509Certificate + fields', fn: () => nativeWithFields(leaf.pem) },
    { name: 'chain of 3: parseCertificatePem', fn: () => parseCertificatePem(chain) },
    { name: 'chain of 3: node X509Certificate + fields', fn: () => nativeWithFields(chain) },
  ]);
  for (const shape of ['leaf rsa-2048', 'chain of 3']) {
    const ours = parse.get(`${shape}: parseCertificatePem`)!;
    const native = parse.get(`${shape}: node X509Certificate + fields`)!;
    print({
      bench: 'x509.parse',
      case: `${shape}: slowdown vs node`,
      factor: round(native / ours),
      target: '<= 5',
    });
  }

  await benchAllowList(root, issuing);
}

async function benchAllowList(root: Awaited<ReturnType<typeof makeCertificate>>, issuing: typeof root) {
  const listed = await makeCertificate({ name: 'CN=listed', issuer: root });
  const entries: AllowListCertificate[] = Array.from({ length: 9_998 }, (_, i) => {
    const fingerprint = sha256Hex(new TextEncoder().encode(`filler ${i}`));
    return { id: `org${fingerprint}`, fingerprint };
  });
  entries.push({ id: `org${sha256Hex(listed.der)}`, fingerprint: sha256Hex(listed.der), der: listed.der });
  entries.push({ id: `org${sha256Hex(issuing.der)}`, fingerprint: sha256Hex(issuing.der), der: issuing.der });
  const list = new AllowList(entries);
  const signed = await makeCertificate({ name: 'CN=signed', issuer: issuing, key: 'rsa-2048', eku: null });
  // Distinct leaves, each decided once: the signature check and the native parse are not cached yet.
  const fresh = await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      makeCertificate({ name: `CN=fresh ${i}`, issuer: issuing, eku: null }),
    ),
  );
  const now = new Date();
  const check = (d: { allowed: boolean }) => {
    if (!d.allowed) throw new Error('benchmark decision refused');
  };
  const BATCH = 1000;
  await measure('x509.allowList', [
    {
      name: `exact match, ${list.size} entries`,
      batch: BATCH,
      fn: () => {
        for (let i = 0; i < BATCH; i++) check(list.decide([listed.der], now));
      },
    },
    {
      name: `CA-signed repeated, ${list.size} entries`,
      batch: BATCH,
      fn: () => {
        for (let i = 0; i < BATCH; i++) check(list.decide([signed.der], now));
      },
    },
  ]);
  const started = process.hrtime.bigint();
  for (const f of fresh) check(list.decide([f.der], now));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  print({
    bench: 'x509.allowList',
    case: `CA-signed first time, ${list.size} entries`,
    opsPerSec: Math.round(fresh.length / seconds),
    meanUs: round((seconds * 1e6) / fresh.length),
    samples: fresh.length,
  });
}
