import { describe, expect, it } from 'vitest';
import { makeCertificate, pemBundle } from '../testing/certificates.ts';
import { inspectPem, validateUpload } from './certificate-inspect.ts';

const DAY = 86_400_000;
const ORG = '5e9d9544a1dcd60001d0ed20';

describe('inspectPem', () => {
  it('gives every fingerprint form, the Tyk id, the status and lint warnings', async () => {
    const cert = await makeCertificate({ name: 'CN=inspect me', eku: ['serverAuth'] });
    const result = inspectPem(cert.pem, new Date(), ORG);
    if (!result.ok) throw result.error;
    const { fingerprints } = result.value;
    expect(fingerprints.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprints.sha256Colons).toBe(fingerprints.sha256.toUpperCase().match(/../g)!.join(':'));
    expect(fingerprints.sha1Colons.replaceAll(':', '').toLowerCase()).toBe(fingerprints.sha1);
    expect(Buffer.from(fingerprints.x5tS256, 'base64url').toString('hex')).toBe(fingerprints.sha256);
    expect(result.value).toMatchObject({
      tykId: ORG + fingerprints.sha256,
      status: 'VALID',
      subjectCn: 'inspect me',
      uploadRefusal: null,
      lintWarnings: [expect.objectContaining({ code: 'NO_CLIENT_AUTH_EKU' })],
    });
  });

  it('describes an expired certificate and says why upload would refuse it', async () => {
    const cert = await makeCertificate({
      notBefore: new Date(Date.now() - 10 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const result = inspectPem(cert.pem, new Date());
    expect(result.ok && result.value).toMatchObject({
      tykId: null,
      status: 'EXPIRED',
      uploadRefusal: expect.objectContaining({ code: 'CERTIFICATE_EXPIRED' }),
    });
  });

  it('refuses what cannot be read, as upload does', async () => {
    const cert = await makeCertificate();
    const withKey = inspectPem(`${cert.pem}\n${cert.keyPem}`, new Date());
    expect(!withKey.ok && withKey.error.code).toBe('PEM_PRIVATE_KEY');
    expect(inspectPem('hello', new Date())).toMatchObject({
      ok: false,
      error: { code: 'PEM_NO_CERTIFICATE' },
    });
  });
});

describe('validateUpload', () => {
  it('refuses a chain with an expired block', async () => {
    const ca = await makeCertificate({
      ca: true,
      notBefore: new Date(Date.now() - 10 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const leaf = await makeCertificate({ issuer: ca });
    const result = validateUpload(pemBundle(leaf, ca), new Date());
    expect(!result.ok && result.error).toMatchObject({ code: 'CERTIFICATE_EXPIRED', context: { block: 2 } });
  });
});
