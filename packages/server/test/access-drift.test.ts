import { systemActor } from '@repo/core';
import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { beforeEach, expect, it } from 'vitest';
import { type AccessFixtures, accessFixtures } from './support/access.ts';
import { gid, uploaded } from './support/certificates.ts';
import { errorCodes, ORG_ID, PAYMENTS_API_ID, useServerHarness } from './support/harness.ts';

const DRIFT = `query($provider: ID!, $first: Int, $after: String) {
  accessDrift(provider: $provider, first: $first, after: $after) {
    findings {
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        kind accessRequest { id } api { apiId name apiKind }
        certificates { id name } unknownCertificateTykIds
      } }
    }
    userErrors { code path }
  }
}`;

// accessDrift: findings name the API and the certificates as objects, page forwards only, and
// every domain failure is a userError; only the admin scope stays a top-level error.
describeDatabases('accessDrift', (ctx) => {
  const h = useServerHarness(ctx);
  let f: AccessFixtures;
  let provider: string;
  let token: string;
  let certificates: string[];
  let firstTykId: string;
  /** In the Dashboard's store only: the portal has no record of it. */
  let foreignTykId: string;

  beforeEach(async () => {
    f = await accessFixtures(h);
    provider = gid('Provider', h.provider.id);
    const first = await uploaded(h, { organisationIds: [h.orgA.id], certificateName: 'first' });
    const second = await uploaded(h, { organisationIds: [h.orgA.id], certificateName: 'second' });
    certificates = [first.id, second.id];
    firstTykId = first.certificate.tykId;
    const system = systemActor('test');
    const request = await h.core.accessRequests.submit(
      { appId: f.appA.id, productId: f.managed.id, planId: f.plan.id },
      f.actors.consumerA,
    );
    if (!request.ok) throw request.error;
    await h.core.accessRequests.approve(request.value.id, system);
    await h.core.provisioning.runDue();
    const [credential] = await h.core.accessRequests.credentials([request.value.id], f.actors.consumerA);
    token = credential!.token!;
    const foreign = await makeCertificate({ name: 'CN=only in the Dashboard' });
    await h.control('POST', '/_mock/seed', { certificates: [{ orgId: ORG_ID, pem: foreign.pem }] });
    foreignTykId = ORG_ID + sha256Hex(foreign.der);
  });

  /** Empties the API's allow list and rebinds the key to the first certificate and one the portal lacks. */
  const drift = async () => {
    const api = await h.dashboard('GET', `/api/apis/${PAYMENTS_API_ID}`);
    api.api_definition.client_certificates = [];
    await h.dashboard('PUT', `/api/apis/${PAYMENTS_API_ID}`, api);
    const key = await h.dashboard('GET', `/api/keys/${token}`);
    key.data.mtls_static_certificate_bindings = [firstTykId, foreignTykId];
    await h.dashboard('PUT', `/api/keys/${token}`, key.data);
  };

  it('names the API and the certificates as objects, and the ids the portal lacks', async () => {
    const none = await h.gql('admin', DRIFT, { provider });
    expect(none).toEqual({
      data: {
        accessDrift: {
          findings: { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
          userErrors: [],
        },
      },
    });
    await drift();
    const found = await h.gql('admin', DRIFT, { provider });
    expect(found.errors).toBeUndefined();
    const nodes = found.data.accessDrift.findings.edges.map((e: { node: unknown }) => e.node);
    const api = { apiId: PAYMENTS_API_ID, name: 'Payments API', apiKind: 'CLASSIC' };
    const names = (ns: string[]) => ns.map((name) => ({ id: certificates[name === 'first' ? 0 : 1], name }));
    expect(nodes).toEqual([
      {
        kind: 'MISSING_FROM_ALLOW_LIST',
        accessRequest: { id: expect.any(String) },
        api,
        certificates: expect.arrayContaining(names(['first', 'second'])),
        unknownCertificateTykIds: [],
      },
      {
        kind: 'BINDING_MISSING',
        accessRequest: { id: expect.any(String) },
        api: null,
        certificates: names(['second']),
        unknownCertificateTykIds: [],
      },
      {
        kind: 'BINDING_EXTRA',
        accessRequest: { id: expect.any(String) },
        api: null,
        certificates: [],
        unknownCertificateTykIds: [foreignTykId],
      },
    ]);
    expect(nodes[0].certificates).toHaveLength(2);
  });

  it('pages forwards with first and after', async () => {
    await drift();
    const page = async (first: number, after?: string) =>
      (await h.gql('admin', DRIFT, { provider, first, after })).data.accessDrift.findings;
    const one = await page(2);
    expect(one.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual([
      'MISSING_FROM_ALLOW_LIST',
      'BINDING_MISSING',
    ]);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = await page(2, one.pageInfo.endCursor);
    expect(two.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['BINDING_EXTRA']);
    expect(two.pageInfo.hasNextPage).toBe(false);
  });

  it('loads the certificates of every finding with one statement', async () => {
    await drift();
    const WITHOUT = DRIFT.replace('certificates { id name } ', '');
    const count = async (query: string) => {
      const { result, statements } = await ctx.countStatements(() => h.gql('admin', query, { provider }));
      expect(result.data.accessDrift.userErrors).toEqual([]);
      return statements.length;
    };
    expect((await count(DRIFT)) - (await count(WITHOUT))).toBe(1);
  });

  it('answers every domain failure as userErrors, and consumers FORBIDDEN', async () => {
    const failure = async (variables: Record<string, unknown>) => {
      const result = await h.gql('admin', DRIFT, { provider, ...variables });
      expect(result.errors).toBeUndefined();
      expect(result.data.accessDrift.findings).toBeNull();
      return result.data.accessDrift.userErrors;
    };
    expect(await failure({ provider: gid('Provider', 'prv_missing') })).toEqual([
      { code: 'NOT_FOUND', path: ['provider'] },
    ]);
    expect(await failure({ first: 0 })).toEqual([{ code: 'INVALID_INPUT', path: ['first'] }]);
    expect(await failure({ first: 101 })).toEqual([{ code: 'INVALID_INPUT', path: ['first'] }]);
    expect(await failure({ after: 'not a cursor' })).toEqual([{ code: 'INVALID_INPUT', path: ['after'] }]);
    await h.control('POST', '/_mock/faults', { path: '/api/apis/*', kind: 'malformed' });
    expect(await failure({})).toEqual([{ code: 'DASHBOARD_BAD_RESPONSE', path: null }]);
    await h.control('DELETE', '/_mock/faults');
    await h.control('POST', '/_mock/faults', { path: '/api/apis/*', kind: 'status', status: 503 });
    expect(await failure({})).toEqual([{ code: 'DASHBOARD_FAILED', path: null }]);
    expect(errorCodes(await h.gql('consumerA', DRIFT, { provider }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('anonymous', DRIFT, { provider }))).toEqual(['UNAUTHENTICATED']);
  });

  it('accessDriftFix answers a payload: the findings it queued work for, or userErrors', async () => {
    const FIX = `mutation($input: AccessDriftFixInput!) { accessDriftFix(input: $input) {
      findings { kind certificates { name } } userErrors { code path } } }`;
    const fix = async (input: Record<string, unknown>) => {
      const result = await h.gql('admin', FIX, { input: { provider, ...input } });
      expect(result.errors).toBeUndefined();
      return result.data.accessDriftFix;
    };
    expect(await fix({})).toEqual({ findings: [], userErrors: [] });
    await drift();
    expect((await fix({})).findings.map((f: { kind: string }) => f.kind)).toEqual([
      'MISSING_FROM_ALLOW_LIST',
      'BINDING_MISSING',
      'BINDING_EXTRA',
    ]);
    expect(await fix({ provider: gid('Provider', 'prv_missing') })).toEqual({
      findings: null,
      userErrors: [{ code: 'NOT_FOUND', path: ['input', 'provider'] }],
    });
    await h.control('POST', '/_mock/faults', { path: '/api/apis/*', kind: 'status', status: 503 });
    expect(await fix({})).toEqual({ findings: null, userErrors: [{ code: 'DASHBOARD_FAILED', path: null }] });
    expect(errorCodes(await h.gql('consumerA', FIX, { input: { provider } }))).toEqual(['FORBIDDEN']);
  });
});
