import type { Actor } from '@repo/core';
import { describeDatabases, insertTestOrganisation, makeCertificate, pemBundle } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import { mockCertificates, storeSnapshot, uploadToDashboard } from '../support/certificate-helpers.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';

const DAY = 86_400_000;
const CONSUMER: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: 'org_x' };
const CSR =
  '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAjCBqQIBADAbMRkwFwYDVQQDDBB0ZXN0\n-----END CERTIFICATE REQUEST-----\n';

const block = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;

describeDatabases('certificates: upload refusals and inspect', (ctx) => {
  const h = useCoreHarness(ctx);

  /** Runs `act` and asserts it left the portal's store and the Dashboard's store as they were. */
  async function changesNothing<T>(act: () => Promise<T>): Promise<T> {
    const before = await storeSnapshot(ctx);
    const result = await act();
    expect(await storeSnapshot(ctx)).toEqual(before);
    expect(await mockCertificates(h)).toEqual([]);
    return result;
  }

  it.each([
    [
      'a private key',
      async () => {
        const cert = await makeCertificate();
        return `${cert.pem}${cert.keyPem}`;
      },
      'PEM_PRIVATE_KEY',
    ],
    ['a CSR', async () => CSR, 'PEM_CSR'],
    ['a malformed PEM block', async () => block('AAAA'), 'PEM_MALFORMED'],
    ['DER that is not a certificate', async () => block('MAMCAQE='), 'CERTIFICATE_MALFORMED'],
    ['no PEM at all', async () => 'not a certificate', 'PEM_NO_CERTIFICATE'],
    [
      'an expired certificate',
      async () => {
        const cert = await makeCertificate({
          notBefore: new Date(Date.now() - 9 * DAY),
          notAfter: new Date(Date.now() - DAY),
        });
        return cert.pem;
      },
      'CERTIFICATE_EXPIRED',
    ],
    [
      'a chain with an expired CA',
      async () => {
        const ca = await makeCertificate({
          ca: true,
          notBefore: new Date(Date.now() - 9 * DAY),
          notAfter: new Date(Date.now() - DAY),
        });
        return pemBundle(await makeCertificate({ issuer: ca }), ca);
      },
      'CERTIFICATE_EXPIRED',
    ],
  ])('refuses %s, storing and sending nothing', async (_, pem, code) => {
    const input = { providerId: h.provider.id, pem: await pem(), name: 'x' };
    const result = await changesNothing(() => h.core.certificates.upload(input, ADMIN));
    expect(!result.ok && result.error.code).toBe(code);
  });

  it('refuses an unknown provider or organisation before calling the Dashboard', async () => {
    const { pem } = await makeCertificate();
    const noProvider = await changesNothing(() =>
      h.core.certificates.upload({ providerId: 'prv_nope', pem }, ADMIN),
    );
    expect(!noProvider.ok && noProvider.error).toMatchObject({ code: 'NOT_FOUND', path: ['providerId'] });
    const org = await insertTestOrganisation(ctx.db);
    const noOrg = await changesNothing(() =>
      h.core.certificates.upload(
        { providerId: h.provider.id, pem, organisationIds: [org.id, 'org_nope'] },
        ADMIN,
      ),
    );
    expect(!noOrg.ok && noOrg.error).toMatchObject({
      code: 'ORGANISATION_NOT_FOUND',
      path: ['organisationIds'],
      context: { ids: ['org_nope'] },
    });
  });

  it('refuses a consumer and invalid input', async () => {
    const { pem } = await makeCertificate();
    const consumer = await changesNothing(() =>
      h.core.certificates.upload({ providerId: h.provider.id, pem }, CONSUMER),
    );
    expect(!consumer.ok && consumer.error.code).toBe('FORBIDDEN');
    const blank = await changesNothing(() =>
      h.core.certificates.upload({ providerId: h.provider.id, pem, name: '  ' }, ADMIN),
    );
    expect(!blank.ok && blank.error).toMatchObject({ code: 'INVALID_INPUT', path: ['name'] });
  });

  it.each([
    ['answers 503', { kind: 'status', status: 503 }, 'DASHBOARD_FAILED'],
    ['drops the connection', { kind: 'drop' }, 'DASHBOARD_UNREACHABLE'],
    ['answers something that is not JSON', { kind: 'malformed' }, 'DASHBOARD_BAD_RESPONSE'],
  ])('gives the DashboardError and stores nothing when the Dashboard %s', async (_, fault, code) => {
    await h.control('POST', '/_mock/faults', { method: 'POST', path: '/api/certs', ...fault });
    const { pem } = await makeCertificate();
    const before = await storeSnapshot(ctx);
    const result = await h.core.certificates.upload({ providerId: h.provider.id, pem, name: 'down' }, ADMIN);
    expect(!result.ok && result.error).toMatchObject({ name: 'DashboardError', code });
    expect(await storeSnapshot(ctx)).toEqual(before);
  });

  it('refuses a certificate the Dashboard holds with its private key', async () => {
    const cert = await makeCertificate({ name: 'CN=server' });
    expect((await uploadToDashboard(h, `${cert.pem}${cert.keyPem}`)).status).toBe(200);
    const before = await storeSnapshot(ctx);
    const result = await h.core.certificates.upload({ providerId: h.provider.id, pem: cert.pem }, ADMIN);
    expect(!result.ok && result.error.code).toBe('CERTIFICATE_HAS_PRIVATE_KEY');
    expect(await storeSnapshot(ctx)).toEqual(before);
  });

  it('refuses to store under an id the Dashboard did not give (wrong org id on the provider)', async () => {
    await h.core.providers.update(h.provider.id, { orgId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }, ADMIN);
    const cert = await makeCertificate();
    const before = await storeSnapshot(ctx);
    const result = await h.core.certificates.upload({ providerId: h.provider.id, pem: cert.pem }, ADMIN);
    expect(!result.ok && result.error).toMatchObject({
      code: 'CERTIFICATE_ID_MISMATCH',
      context: { actual: ORG_ID + sha256Hex(cert.der) },
    });
    expect(await storeSnapshot(ctx)).toEqual(before);
  });

  it('inspects without storing or calling anything', async () => {
    // Every Dashboard call would fail: inspect must not make one.
    await h.control('POST', '/_mock/faults', { method: '*', path: '*', kind: 'drop' });
    const cert = await makeCertificate({ name: 'CN=dry run', eku: ['serverAuth'] });
    const result = await changesNothing(() =>
      h.core.certificates.inspect(cert.pem, { providerId: h.provider.id }),
    );
    expect(result.ok && result.value).toMatchObject({
      subjectCn: 'dry run',
      tykId: ORG_ID + sha256Hex(cert.der),
      status: 'VALID',
      lintWarnings: [{ code: 'NO_CLIENT_AUTH_EKU' }],
      uploadRefusal: null,
    });
    const unknown = await h.core.certificates.inspect(cert.pem, { providerId: 'prv_nope' });
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
    const withKey = await h.core.certificates.inspect(`${cert.pem}${cert.keyPem}`);
    expect(!withKey.ok && withKey.error.code).toBe('PEM_PRIVATE_KEY');
  });
});
