import { describeDatabases, makeCertificate, type TestCertificate } from '@repo/core/testing';
import { signHs256 } from '@repo/mock-dashboard';
import { beforeAll, expect, it } from 'vitest';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import {
  API_ID,
  classicApi,
  expectAgreement,
  explainAndSend,
  idOf,
  presenting,
  seed,
} from '../support/request-check-fixtures.ts';

const JWT_API_ID = '9a8b7c6d5e4f30211203f4e5d6c7b8a9';
const JWT_SECRET = 'request-check-secret';

// What the explainer refuses to run, and the JWT + mTLS path.
describeDatabases('request check: refusals and JWT', (ctx) => {
  const h = useCoreHarness(ctx);
  let client: TestCertificate;

  beforeAll(async () => {
    client = await makeCertificate({ name: 'CN=jwt client' });
  });

  it('refuses a PEM holding a private key before reading anything', async () => {
    const { result, statements } = await ctx.countStatements(() =>
      h.core.requestCheck.explain(
        { providerId: 'prv_unknown', apiId: API_ID, pem: `${client.pem}${client.keyPem}` },
        ADMIN,
      ),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'PEM_PRIVATE_KEY' } });
    expect(statements).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown provider or API, FORBIDDEN for a consumer', async () => {
    const input = { providerId: h.provider.id, apiId: 'no-such-api', pem: client.pem };
    expect(await h.core.requestCheck.explain(input, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', path: ['apiId'] },
    });
    expect(await h.core.requestCheck.explain({ ...input, providerId: 'prv_nope' }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', path: ['providerId'] },
    });
    const consumer = { kind: 'CONSUMER', userId: 'usr_c', organisationId: 'org_c' } as const;
    expect(await h.core.requestCheck.explain(input, consumer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('returns the Dashboard failure when the API cannot be read', async () => {
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/apis/*',
      kind: 'status',
      status: 503,
    });
    const result = await h.core.requestCheck.explain(
      { providerId: h.provider.id, apiId: API_ID, pem: client.pem },
      ADMIN,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'DASHBOARD_FAILED' } });
  });

  it.each([
    ['a valid HS256 token', 200, () => signHs256({ sub: 'alice' }, JWT_SECRET)],
    ['a token signed with another secret', 403, () => signHs256({ sub: 'alice' }, 'wrong')],
    [
      'an expired token',
      401,
      () => signHs256({ sub: 'alice', exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET),
    ],
    ['no token', 400, () => undefined],
    ['not a JWT', 403, () => 'plain-key'],
  ])('agrees with the gateway on a JWT + mTLS API for %s (%i)', async (_, status, token) => {
    await seed(h, {
      certificates: [{ orgId: ORG_ID, pem: client.pem }],
      apis: [
        classicApi([idOf(client)], {
          api_id: JWT_API_ID,
          name: 'Checked JWT API',
          use_standard_auth: false,
          enable_jwt: true,
          jwt_signing_method: 'hmac',
          jwt_source: Buffer.from(JWT_SECRET).toString('base64'),
          jwt_identity_base_field: 'sub',
          proxy: { listen_path: '/checked-jwt/' },
        }),
      ],
    });
    const { report, answer } = await explainAndSend(
      h,
      presenting(client),
      token(),
      JWT_API_ID,
      '/checked-jwt/',
    );
    expect(answer.status).toBe(status);
    expectAgreement(report, answer);
    expect(report.api.auth).toBe('JWT');
    const binding = report.checks.find((s) => s.check === 'CERTIFICATE_BINDING');
    expect(binding?.outcome).toBe('NOT_APPLICABLE');
  });
});
