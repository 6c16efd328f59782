import { createHash, webcrypto } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { peculiar as x509 } from '@repo/core/x509';

/** A demo client certificate: which organisation it belongs to and what it is called in the portal. */
export interface DemoCertificate {
  readonly name: string;
  readonly organisation: string;
  readonly pem: string;
  /** SHA-256 of the DER, as Tyk writes it. */
  readonly sha256: string;
}

export const DEMO_ORGANISATIONS = ['Acme Payments', 'Globex Retail'] as const;

const DAY = 86_400_000;
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

// Valid, expiring within the 30-day warning window, expired: relative to the first start.
const PLAN = [
  { name: 'acme-payments-client', organisation: 'Acme Payments', from: -30, to: 365 },
  { name: 'acme-reports-client', organisation: 'Acme Payments', from: -340, to: 12 },
  { name: 'globex-ledger-client', organisation: 'Globex Retail', from: -10, to: 730 },
  { name: 'globex-legacy-client', organisation: 'Globex Retail', from: -400, to: -20 },
] as const;

const keys = () =>
  webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
const serial = () =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
    .toString('hex')
    .replace(/^./, '1');

/** A demo CA and one client certificate per plan entry (ECDSA P-256: fast to make). */
async function makeDemoCertificates(now: number): Promise<DemoCertificate[]> {
  const caKeys = await keys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=mTLS Portal Demo CA, O=mTLS Portal Demo',
    notBefore: new Date(now - 800 * DAY),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: ALGORITHM,
    keys: caKeys,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  return Promise.all(
    PLAN.map(async (plan) => {
      const leafKeys = await keys();
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: `CN=${plan.name}.demo.test, O=${plan.organisation}`,
        issuer: ca.subject,
        notBefore: new Date(now + plan.from * DAY),
        notAfter: new Date(now + plan.to * DAY),
        signingAlgorithm: ALGORITHM,
        publicKey: leafKeys.publicKey,
        signingKey: caKeys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
          new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: `${plan.name}.demo.test` }]),
        ],
      });
      const sha256 = createHash('sha256').update(Buffer.from(cert.rawData)).digest('hex');
      return { name: plan.name, organisation: plan.organisation, pem: cert.toString('pem'), sha256 };
    }),
  );
}

/**
 * The demo's certificates, made on the first start and kept in the data directory, so the mock
 * Dashboard holds the same store after a restart and a sync finds nothing changed.
 */
export async function demoCertificates(dataDir: string, now = Date.now()): Promise<DemoCertificate[]> {
  const file = join(dataDir, 'demo-certificates.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DemoCertificate[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const made = await makeDemoCertificates(now);
  await writeFile(file, `${JSON.stringify(made, null, 2)}\n`);
  return made;
}
