import { REQUEST_CHECKS, type RequestCheckName } from '@repo/core';
import { describeDatabases } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { beforeAll, expect, it } from 'vitest';
import { ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import {
  type CheckCertificates,
  classicApi,
  expectAgreement,
  explainAndSend,
  idOf,
  keySeed,
  makeCheckCertificates,
  presenting,
  seed,
} from '../support/request-check-fixtures.ts';

// Every row of the Gateway's outcome table (packages/mock-dashboard/README.md "Gateway"): the
// explainer's first failure must be what a real TLS request to the mock gateway answers, status
// and text.
describeDatabases('request check: agrees with the gateway', (ctx) => {
  const h = useCoreHarness(ctx);
  let c: CheckCertificates;

  beforeAll(async () => {
    c = await makeCheckCertificates();
  });

  const seedTable = () =>
    seed(h, {
      certificates: [c.good, c.other, c.expired, c.ca].map((cert) => ({ orgId: ORG_ID, pem: cert.pem })),
      apis: [classicApi([idOf(c.good), idOf(c.other), idOf(c.expired), idOf(c.ca)])],
      keys: [
        keySeed('key-good'),
        keySeed('key-bound', { mtls_static_certificate_bindings: [idOf(c.good)] }),
        keySeed('key-inactive', { is_inactive: true }),
        keySeed('key-expired', { expires: Math.floor(Date.now() / 1000) - 3600 }),
        keySeed('key-no-rights', { access_rights: { 'another-api': { api_id: 'another-api' } } }),
        keySeed('key-quota', { quota_max: 2, quota_renewal_rate: 3600 }),
      ],
    });

  const outcomes = (checks: readonly { check: RequestCheckName; outcome: string }[]) =>
    Object.fromEntries(checks.map((s) => [s.check, s.outcome]));

  it('passes a listed certificate with a good key, as the gateway does (200)', async () => {
    await seedTable();
    const { report, answer } = await explainAndSend(h, presenting(c.good), 'key-good');
    expect(answer.status).toBe(200);
    expectAgreement(report, answer);
    expect(report.checks.map((s) => s.check)).toEqual([...REQUEST_CHECKS]);
    expect(outcomes(report.checks)).toEqual({
      TLS_CLIENT_CERTIFICATE: 'PASS',
      ALLOW_LIST: 'PASS',
      TOKEN_PRESENT: 'PASS',
      TOKEN_KNOWN: 'PASS',
      JWT_VALID: 'NOT_APPLICABLE',
      CERTIFICATE_BINDING: 'NOT_APPLICABLE',
      KEY_ACTIVE: 'PASS',
      KEY_NOT_EXPIRED: 'PASS',
      ACCESS_RIGHTS: 'PASS',
      QUOTA: 'NOT_APPLICABLE',
    });
    expect(report.certificate).toMatchObject({ sha256: sha256Hex(c.good.der), tykId: idOf(c.good) });
  });

  it('passes a bound key with its own certificate (200)', async () => {
    await seedTable();
    const { report, answer } = await explainAndSend(h, presenting(c.good), 'key-bound');
    expect(answer.status).toBe(200);
    expectAgreement(report, answer);
    expect(outcomes(report.checks).CERTIFICATE_BINDING).toBe('PASS');
  });

  it('passes a leaf signed by an allow-listed CA presented in the chain (200)', async () => {
    await seedTable();
    const { report, answer } = await explainAndSend(h, presenting(c.caLeaf, c.ca), 'key-good');
    expect(answer).toMatchObject({ status: 200, body: { match: 'CA_SIGNED', allow_list_entry: idOf(c.ca) } });
    expectAgreement(report, answer);
    const allowList = report.checks.find((s) => s.check === 'ALLOW_LIST')!;
    expect(allowList.detail).toContain(`signed by the allow-listed CA ${idOf(c.ca)}`);
  });

  it("passes [own leaf, someone else's listed certificate] as the gateway does (200), with a warning", async () => {
    await seedTable();
    const { report, answer } = await explainAndSend(h, presenting(c.stranger, c.good), 'key-good');
    expect(answer).toMatchObject({ status: 200, body: { match: 'EXACT', allow_list_entry: idOf(c.good) } });
    expectAgreement(report, answer);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'ADMITTED_BY_NON_LEAF_CERTIFICATE',
        check: 'ALLOW_LIST',
        position: 2,
        entryId: idOf(c.good),
      }),
    ]);
  });

  it.each([
    ['an unknown certificate', 'stranger', 'key-good', 'ALLOW_LIST', 403],
    ['an expired exact match', 'expired', 'key-good', 'ALLOW_LIST', 403],
    ['no token', 'good', undefined, 'TOKEN_PRESENT', 401],
    ['an unknown token', 'good', 'no-such-key', 'TOKEN_KNOWN', 403],
    ['a bound token with another listed certificate', 'other', 'key-bound', 'CERTIFICATE_BINDING', 401],
    ['an inactive key', 'good', 'key-inactive', 'KEY_ACTIVE', 403],
    ['an expired key', 'good', 'key-expired', 'KEY_NOT_EXPIRED', 401],
    ['a key without access rights to the API', 'good', 'key-no-rights', 'ACCESS_RIGHTS', 403],
  ] as const)('refuses %s exactly as the gateway does', async (_, certName, token, check, status) => {
    await seedTable();
    const { report, answer } = await explainAndSend(h, presenting(c[certName]), token);
    expect(answer.status).toBe(status);
    expectAgreement(report, answer);
    expect(report.firstFailure?.check).toBe(check);
    const failed = report.checks.filter((s) => s.outcome === 'FAIL');
    expect(failed.map((s) => s.check)).toEqual([check]);
    // Everything after the first failure is not reached by the Gateway.
    const after = report.checks.slice(REQUEST_CHECKS.indexOf(check) + 1);
    expect(after.every((s) => s.outcome === 'SKIPPED' || s.outcome === 'NOT_APPLICABLE')).toBe(true);
  });

  it("judges the key's quota from the Gateway's count, and agrees with it before and after it runs out", async () => {
    await seedTable();
    const quota = async () => {
      const { report, answer } = await explainAndSend(h, presenting(c.good), 'key-quota');
      expectAgreement(report, answer);
      const step = report.checks.find((s) => s.check === 'QUOTA')!;
      return [answer.status, step.outcome, step.detail];
    };
    expect(await quota()).toEqual([200, 'PASS', "2 of the key's 2 requests (every 3600 s) are left."]);
    expect(await quota()).toEqual([200, 'PASS', "1 of the key's 2 requests (every 3600 s) are left."]);
    expect(await quota()).toEqual([
      403,
      'FAIL',
      'The key has used all 2 requests of its quota (every 3600 s).',
    ]);
  });

  it("names the leaf's hash in Tyk's not-allowed text and still judges the key", async () => {
    await seedTable();
    const { report } = await explainAndSend(h, presenting(c.stranger), 'key-expired');
    expect(report.firstFailure).toEqual({
      check: 'ALLOW_LIST',
      status: 403,
      body: { error: `Certificate with SHA256 ${sha256Hex(c.stranger.der)} not allowed` },
    });
    const expiry = report.checks.find((s) => s.check === 'KEY_NOT_EXPIRED')!;
    expect(expiry).toMatchObject({ outcome: 'SKIPPED', ifReached: 'FAIL' });
    expect(expiry.detail).toContain('Key has expired, please renew');
  });
});
