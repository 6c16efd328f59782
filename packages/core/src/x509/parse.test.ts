import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, pemBundle, type TestCertificate } from '../testing/certificates.ts';
import { parseCertificatePem, refuseExpired } from './parse.ts';

const DAY = 86_400_000;
let ca: TestCertificate;
let leaf: TestCertificate;

beforeAll(async () => {
  ca = await makeCertificate({
    name: 'C=GB, O=Acme\\, Ltd, CN=Acme Root',
    key: 'rsa-2048',
    ca: true,
    pathLength: 1,
  });
  leaf = await makeCertificate({
    name: 'O=Acme, CN=client.acme.test',
    key: 'rsa-2048',
    issuer: ca,
    san: {
      dns: ['client.acme.test', '*.api.acme.test'],
      ip: ['10.1.2.3', '2001:db8::1'],
      email: ['ops@acme.test'],
      uri: ['spiffe://acme/client'],
    },
  });
});

function openssl(pem: string, ...args: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'x509-')), 'cert.pem');
  writeFileSync(file, pem);
  return execFileSync('openssl', ['x509', '-noout', '-in', file, ...args], { encoding: 'utf8' }).trim();
}

function parsed(pem: string) {
  const result = parseCertificatePem(pem);
  if (!result.ok) throw result.error;
  return result.value;
}

describe('parseCertificatePem', () => {
  it('reads the metadata of a leaf the way openssl does', () => {
    const { leaf: info, chain } = parsed(leaf.pem);
    expect(chain).toEqual([]);
    expect(info.subject).toEqual({
      dn: openssl(leaf.pem, '-subject', '-nameopt', 'RFC2253').replace(/^subject=/, ''),
      cn: 'client.acme.test',
    });
    expect(info.issuer.dn).toBe('CN=Acme Root,O=Acme\\, Ltd,C=GB');
    expect(info.issuer.cn).toBe('Acme Root');
    expect(info.serialNumber).toBe(
      openssl(leaf.pem, '-serial')
        .replace(/^serial=/, '')
        .toLowerCase(),
    );
    expect(info.notAfter.toISOString()).toBe(
      new Date(openssl(leaf.pem, '-enddate').replace(/^notAfter=/, '')).toISOString(),
    );
    expect(info.subjectAltNames).toEqual({
      dns: ['client.acme.test', '*.api.acme.test'],
      ip: ['10.1.2.3', '2001:db8::1'],
      email: ['ops@acme.test'],
      uri: ['spiffe://acme/client'],
    });
    expect(info.isCa).toBe(false);
    expect(info.pathLength).toBeNull();
    expect(info.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(info.extendedKeyUsage).toEqual(['clientAuth']);
    expect(info.publicKey).toEqual({ algorithm: 'RSA', bits: 2048 });
    expect(info.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(info.selfIssued).toBe(false);
  });

  it('matches openssl fingerprints: SHA-256 as Tyk writes it, SHA-1 and x5t#S256', () => {
    const { fingerprints } = parsed(leaf.pem).leaf;
    const sha256 = openssl(leaf.pem, '-fingerprint', '-sha256').split('=')[1]!;
    const sha1 = openssl(leaf.pem, '-fingerprint', '-sha1').split('=')[1]!;
    expect(fingerprints.sha256).toBe(sha256.replace(/:/g, '').toLowerCase());
    expect(fingerprints.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprints.sha1).toBe(sha1.replace(/:/g, '').toLowerCase());
    expect(Buffer.from(fingerprints.x5tS256, 'base64url').toString('hex')).toBe(fingerprints.sha256);
    expect(fingerprints.x5tS256).not.toMatch(/[=+/]/);
  });

  it('reads a CA with its path length and key usage', () => {
    const info = parsed(ca.pem).leaf;
    expect(info.isCa).toBe(true);
    expect(info.pathLength).toBe(1);
    expect(info.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(info.extendedKeyUsage).toBeNull();
    expect(info.selfIssued).toBe(true);
  });

  it.each([
    ['rsa-4096', { algorithm: 'RSA', bits: 4096 }, 'sha256WithRSAEncryption'],
    ['p-256', { algorithm: 'EC', curve: 'P-256', bits: 256 }, 'ecdsa-with-SHA256'],
    ['p-384', { algorithm: 'EC', curve: 'P-384', bits: 384 }, 'ecdsa-with-SHA384'],
    ['ed25519', { algorithm: 'Ed25519', bits: 256 }, 'ED25519'],
  ] as const)('reads %s keys and signatures', async (key, publicKey, signature) => {
    const cert = await makeCertificate({ key });
    const info = parsed(cert.pem).leaf;
    expect(info.publicKey).toEqual(publicKey);
    expect(info.signatureAlgorithm).toBe(signature);
    expect(info.fingerprints.sha256).toBe(
      openssl(cert.pem, '-fingerprint', '-sha256').split('=')[1]!.replace(/:/g, '').toLowerCase(),
    );
  });

  it('accepts CRLF, text around the blocks and a chain after the leaf', async () => {
    const intermediate = await makeCertificate({
      name: 'CN=Acme Issuing',
      ca: true,
      issuer: ca,
      key: 'p-256',
    });
    const child = await makeCertificate({ name: 'CN=child', issuer: intermediate });
    const exported = `Bag Attributes\n    friendlyName: child\nsubject=CN=child\n\n${pemBundle(child, intermediate, ca)}trailing note\n`;
    const result = parsed(exported.replace(/\n/g, '\r\n'));
    expect(result.leaf.subject.cn).toBe('child');
    expect(result.chain.map((c) => c.subject.cn)).toEqual(['Acme Issuing', 'Acme Root']);
  });
});

describe('refuseExpired', () => {
  it('refuses when any block has expired, as Tyk does, and accepts not-yet-valid ones', async () => {
    const expired = await makeCertificate({
      notBefore: new Date(Date.now() - 10 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const future = await makeCertificate({
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 10 * DAY),
    });
    const now = new Date();
    const refused = refuseExpired(parsed(expired.pem), now);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('CERTIFICATE_EXPIRED');
    const chainRefused = refuseExpired(parsed(pemBundle(leaf, expired)), now);
    expect(!chainRefused.ok && chainRefused.error.context).toMatchObject({ block: 2 });
    expect(refuseExpired(parsed(future.pem), now).ok).toBe(true);
  });
});
