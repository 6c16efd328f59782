import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { gid, uploaded } from './support/certificates.ts';
import { type Caller, errorCodes, PAYMENTS_API_ID, useServerHarness } from './support/harness.ts';

// One error channel for queries that can fail for domain reasons: a payload whose userErrors say
// why (unknown or invisible ids, a Dashboard that is down or answers nonsense, bad input), never
// top-level errors; only authentication and the admin scope answer top-level, as everywhere.
// accessDrift: access-drift.test.ts; accessRequestCheck: access-request-check.test.ts.

const USAGE = `query($certificate: ID!) { certificateUsage(certificate: $certificate) {
  usage { apisFrom apis { name } credentials { appName } }
  userErrors { code path } } }`;
const CHECK = `query($input: RequestCheckInput!) { requestCheck(input: $input) {
  report { wouldPass } userErrors { code path } } }`;
const INSPECT = `query($input: CertificateInspectInput!) { certificateInspect(input: $input) {
  inspection { subjectCn tykId } userErrors { code path } } }`;

const DOWN = { path: '*', kind: 'status', status: 503 } as const;
const NONSENSE = { path: '*', kind: 'malformed' } as const;

describeDatabases('query error channel', (ctx) => {
  const h = useServerHarness(ctx);

  /** The field's payload, after checking nothing went to the top-level errors. */
  const payload = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const result = await h.gql(caller, query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0] as { userErrors: unknown[] } & Record<string, unknown>;
  };
  const withFault = async <T>(fault: object, run: () => Promise<T>): Promise<T> => {
    await h.control('POST', '/_mock/faults', fault);
    try {
      return await run();
    } finally {
      await h.control('DELETE', '/_mock/faults');
    }
  };

  it('certificateUsage: unknown, invisible, Dashboard down or answering nonsense', async () => {
    const a = await uploaded(h, { organisationIds: [h.orgA.id] });
    const b = await uploaded(h, { organisationIds: [h.orgB.id] });
    const usage = (caller: Caller, certificate: string) => payload(caller, USAGE, { certificate });
    expect(await usage('admin', a.id)).toEqual({
      usage: { apisFrom: 'CERTIFICATE_APIS', apis: [], credentials: [] },
      userErrors: [],
    });
    const notFound = { usage: null, userErrors: [{ code: 'NOT_FOUND', path: ['certificate'] }] };
    expect(await usage('admin', gid('Certificate', 'crt_missing'))).toEqual(notFound);
    expect(await usage('consumerA', b.id)).toEqual(notFound);
    expect(await withFault(DOWN, () => usage('admin', a.id))).toEqual({
      usage: null,
      userErrors: [{ code: 'DASHBOARD_FAILED', path: null }],
    });
    expect(await withFault(NONSENSE, () => usage('consumerA', a.id))).toEqual({
      usage: null,
      userErrors: [{ code: 'DASHBOARD_BAD_RESPONSE', path: null }],
    });
    expect(errorCodes(await h.gql('anonymous', USAGE, { certificate: a.id }))).toEqual(['UNAUTHENTICATED']);
  });

  it('requestCheck: unknown provider or API, bad PEM, Dashboard down or answering nonsense', async () => {
    const { cert } = await uploaded(h);
    const input = { provider: gid('Provider', h.provider.id), apiId: PAYMENTS_API_ID, pem: cert.pem };
    const check = (patch: Record<string, unknown> = {}) =>
      payload('admin', CHECK, { input: { ...input, ...patch } });
    expect((await check()).userErrors).toEqual([]);
    const failed = (code: string, path: string[] | null) => ({ report: null, userErrors: [{ code, path }] });
    expect(await check({ provider: gid('Provider', 'prv_missing') })).toEqual(
      failed('NOT_FOUND', ['input', 'provider']),
    );
    expect(await check({ apiId: 'no-such-api' })).toEqual(failed('NOT_FOUND', ['input', 'apiId']));
    expect(await check({ apiId: ' ' })).toEqual(failed('INVALID_INPUT', ['input', 'apiId']));
    expect(await check({ pem: 'not a pem' })).toEqual(failed('PEM_NO_CERTIFICATE', ['input', 'pem']));
    expect(await withFault(DOWN, () => check())).toEqual(failed('DASHBOARD_FAILED', null));
    expect(await withFault(NONSENSE, () => check())).toEqual(failed('DASHBOARD_BAD_RESPONSE', null));
    expect(errorCodes(await h.gql('consumerA', CHECK, { input }))).toEqual(['FORBIDDEN']);
  });

  it('certificateInspect: bad PEM, unknown or invisible provider; calls no Dashboard', async () => {
    const cert = await makeCertificate({ name: 'CN=inspected' });
    const inspect = (caller: Caller, patch: Record<string, unknown> = {}) =>
      payload(caller, INSPECT, { input: { pem: cert.pem, ...patch } });
    const provider = gid('Provider', h.provider.id);
    const failed = (code: string, path: string[] | null) => ({
      inspection: null,
      userErrors: [{ code, path }],
    });
    expect(await inspect('admin', { pem: 'not a pem' })).toEqual(
      failed('PEM_NO_CERTIFICATE', ['input', 'pem']),
    );
    expect(await inspect('admin', { provider: gid('Provider', 'prv_missing') })).toEqual(
      failed('NOT_FOUND', ['input', 'provider']),
    );
    expect(await inspect('consumerA', { provider })).toEqual(failed('NOT_FOUND', ['input', 'provider']));
    // A Dashboard that is down does not matter: the inspection is computed from the PEM alone.
    const inspected = await withFault(DOWN, () => inspect('admin', { provider }));
    expect(inspected).toMatchObject({ inspection: { subjectCn: 'inspected' }, userErrors: [] });
  });
});
