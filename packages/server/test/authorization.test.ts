import { describeDatabases } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { gid } from './support/certificates.ts';
import { CALLERS, type Caller, errorCodes, type ServerHarness, useServerHarness } from './support/harness.ts';

// Every root field, called as each caller. `admin: true` fields answer consumers FORBIDDEN; the
// others answer them, scoped to their organisation (asserted below). Anonymous gets only an error.
type Operation = { admin: boolean; query: string; variables?: (h: ServerHarness) => Record<string, unknown> };
const PEM = '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----';
const provider = (h: ServerHarness) => ({ input: { provider: gid('Provider', h.provider.id) } });
const certificate = () => ({ input: { certificate: gid('Certificate', 'crt_missing') } });
const accessRequest = () => ({ input: { accessRequest: gid('AccessRequest', 'acr_missing') } });
const run = (h: ServerHarness) => ({ input: { run: gid('SyncRun', `syn_for_${h.provider.id}`) } });

const QUERIES: Record<string, Operation> = {
  viewer: { admin: false, query: '{ viewer { id } }' },
  node: { admin: false, query: '{ node(id: "VXNlcjp4") { id } }' },
  nodes: { admin: false, query: '{ nodes(ids: ["VXNlcjp4"]) { id } }' },
  certificates: { admin: false, query: '{ certificates(first: 1) { totalCount } }' },
  certificateUsage: {
    admin: false,
    query: `{ certificateUsage(certificate: "${gid('Certificate', 'x')}") { userErrors { code } } }`,
  },
  certificateInspect: {
    admin: false,
    query: 'query($pem: String!) { certificateInspect(input: { pem: $pem }) { userErrors { code } } }',
    variables: () => ({ pem: PEM }),
  },
  organisations: { admin: false, query: '{ organisations { edges { cursor } } }' },
  users: { admin: false, query: '{ users { edges { cursor } } }' },
  providers: { admin: true, query: '{ providers { edges { cursor } } }' },
  syncRuns: { admin: true, query: '{ syncRuns { edges { cursor } } }' },
  auditEvents: { admin: true, query: '{ auditEvents(first: 1) { edges { cursor } } }' },
  expiringCertificates: {
    admin: true,
    query: '{ expiringCertificates(withinDays: 30) { nodes { daysLeft } } }',
  },
  certificateRotations: { admin: false, query: '{ certificateRotations { nodes { id } } }' },
  webhookDeliveries: { admin: true, query: '{ webhookDeliveries { nodes { id status } } }' },
  products: { admin: false, query: '{ products { edges { cursor } } }' },
  plans: { admin: false, query: '{ plans { edges { cursor } } }' },
  apps: { admin: false, query: '{ apps { edges { cursor } } }' },
  accessRequests: { admin: false, query: '{ accessRequests { edges { cursor } } }' },
  accessDrift: {
    admin: true,
    query: 'query($p: ID!) { accessDrift(provider: $p) { userErrors { code } } }',
    variables: (h) => ({ p: gid('Provider', h.provider.id) }),
  },
  accessRequestCheck: {
    admin: false,
    query:
      'query($input: AccessRequestCheckInput!) { accessRequestCheck(input: $input) { userErrors { code } } }',
    variables: () => ({ input: { accessRequest: gid('AccessRequest', 'acr_missing'), pem: PEM } }),
  },
  requestCheck: {
    admin: true,
    query: 'query($input: RequestCheckInput!) { requestCheck(input: $input) { userErrors { code } } }',
    variables: (h) => ({ input: { provider: gid('Provider', h.provider.id), apiId: 'x', pem: PEM } }),
  },
};

const payload = '{ userErrors { code } }';
const MUTATIONS: Record<string, Operation> = {
  certificateSetTrustedIssuer: {
    admin: true,
    query: `mutation($input: CertificateSetTrustedIssuerInput!) { certificateSetTrustedIssuer(input: $input) ${'{ userErrors { code } }'} }`,
    variables: () => ({
      input: {
        certificate: gid('Certificate', 'crt_x'),
        organisation: gid('Organisation', 'org_x'),
        trusted: true,
      },
    }),
  },
  accessDriftFix: {
    admin: true,
    query: `mutation($input: AccessDriftFixInput!) { accessDriftFix(input: $input) ${payload} }`,
    variables: provider,
  },
  providerCreate: {
    admin: true,
    query: `mutation($input: ProviderCreateInput!) { providerCreate(input: $input) ${payload} }`,
    variables: () => ({ input: { name: 'x', dashboardUrl: 'http://x.invalid', orgId: 'o', apiKey: 'k' } }),
  },
  providerUpdate: {
    admin: true,
    query: `mutation($input: ProviderUpdateInput!) { providerUpdate(input: $input) ${payload} }`,
    variables: (h) => ({ input: { provider: gid('Provider', h.provider.id), name: 'renamed' } }),
  },
  providerDelete: {
    admin: true,
    query: `mutation($input: ProviderDeleteInput!) { providerDelete(input: $input) ${payload} }`,
    variables: provider,
  },
  providerTestConnection: {
    admin: true,
    query: `mutation($input: ProviderTestConnectionInput!) { providerTestConnection(input: $input) ${payload} }`,
    variables: provider,
  },
  organisationCreate: {
    admin: true,
    query: `mutation { organisationCreate(input: { name: "Org C" }) ${payload} }`,
  },
  userCreate: {
    admin: true,
    query: `mutation { userCreate(input: { name: "n", role: ADMIN }) ${payload} }`,
  },
  certificateUpload: {
    admin: true,
    query: `mutation($input: CertificateUploadInput!) { certificateUpload(input: $input) ${payload} }`,
    variables: (h) => ({ input: { provider: gid('Provider', h.provider.id), pem: PEM } }),
  },
  certificateRename: {
    admin: true,
    query: `mutation($input: CertificateRenameInput!) { certificateRename(input: $input) ${payload} }`,
    variables: certificate,
  },
  certificateSetOrganisations: {
    admin: true,
    query: `mutation($input: CertificateSetOrganisationsInput!) { certificateSetOrganisations(input: $input) ${payload} }`,
    variables: () => ({ input: { ...certificate().input, organisations: [] } }),
  },
  certificateImport: {
    admin: true,
    query: `mutation($input: CertificateImportInput!) { certificateImport(input: $input) ${payload} }`,
    variables: () => ({
      input: { provider: gid('Provider', 'prv_x'), files: [{ name: 'x.pem', text: 'not a certificate' }] },
    }),
  },
  certificateRotationStart: {
    admin: false,
    query: `mutation($input: CertificateRotationStartInput!) { certificateRotationStart(input: $input) ${payload} }`,
    variables: () => ({ input: { from: gid('Certificate', 'crt_x'), to: gid('Certificate', 'crt_y') } }),
  },
  certificateRotationApprove: {
    admin: true,
    query: `mutation($input: CertificateRotationInput!) { certificateRotationApprove(input: $input) ${payload} }`,
    variables: () => ({ input: { rotation: gid('CertificateRotation', 'rot_x') } }),
  },
  certificateRotationComplete: {
    admin: true,
    query: `mutation($input: CertificateRotationInput!) { certificateRotationComplete(input: $input) ${payload} }`,
    variables: () => ({ input: { rotation: gid('CertificateRotation', 'rot_x') } }),
  },
  certificateRotationCancel: {
    admin: true,
    query: `mutation($input: CertificateRotationInput!) { certificateRotationCancel(input: $input) ${payload} }`,
    variables: () => ({ input: { rotation: gid('CertificateRotation', 'rot_x') } }),
  },
  webhookRedeliver: {
    admin: true,
    query: `mutation($input: WebhookRedeliverInput!) { webhookRedeliver(input: $input) ${payload} }`,
    variables: () => ({ input: { delivery: gid('WebhookDelivery', 'whe_x') } }),
  },
  certificateSuspend: {
    admin: true,
    query: `mutation($input: CertificateSuspendInput!) { certificateSuspend(input: $input) ${payload} }`,
    variables: () => ({ input: { ...certificate().input, reason: 'compromised' } }),
  },
  certificateResume: {
    admin: true,
    query: `mutation($input: CertificateResumeInput!) { certificateResume(input: $input) ${payload} }`,
    variables: certificate,
  },
  certificateDelete: {
    admin: true,
    query: `mutation($input: CertificateDeleteInput!) { certificateDelete(input: $input) ${payload} }`,
    variables: certificate,
  },
  syncRunStart: {
    admin: true,
    query: `mutation($input: SyncRunStartInput!) { syncRunStart(input: $input) ${payload} }`,
    variables: provider,
  },
  syncRunConfirm: {
    admin: true,
    query: `mutation($input: SyncRunConfirmInput!) { syncRunConfirm(input: $input) ${payload} }`,
    variables: run,
  },
  syncRunDiscard: {
    admin: true,
    query: `mutation($input: SyncRunDiscardInput!) { syncRunDiscard(input: $input) ${payload} }`,
    variables: run,
  },
  expiryScanRun: { admin: true, query: `mutation { expiryScanRun ${payload} }` },
  productCreate: {
    admin: true,
    query: `mutation($input: ProductCreateInput!) { productCreate(input: $input) ${payload} }`,
    variables: (h) => ({ input: { provider: gid('Provider', h.provider.id), name: 'p', apiIds: ['x'] } }),
  },
  productUpdate: {
    admin: true,
    query: `mutation($input: ProductUpdateInput!) { productUpdate(input: $input) ${payload} }`,
    variables: () => ({ input: { product: gid('Product', 'prd_missing'), name: 'x' } }),
  },
  planCreate: {
    admin: true,
    query: `mutation { planCreate(input: { name: "Gold", rate: 1, per: 1 }) ${payload} }`,
  },
  appCreate: { admin: false, query: `mutation { appCreate(input: { name: "App" }) ${payload} }` },
  accessRequestSubmit: {
    admin: false,
    query: `mutation($input: AccessRequestSubmitInput!) { accessRequestSubmit(input: $input) ${payload} }`,
    variables: () => ({
      input: { app: gid('App', 'app_x'), product: gid('Product', 'prd_x'), plan: gid('Plan', 'pln_x') },
    }),
  },
  accessRequestReject: {
    admin: true,
    query: `mutation($input: AccessRequestRejectInput!) { accessRequestReject(input: $input) ${payload} }`,
    variables: () => ({ input: { ...accessRequest().input, reason: 'no' } }),
  },
  accessRequestChangePlan: {
    admin: true,
    query: `mutation($input: AccessRequestChangePlanInput!) { accessRequestChangePlan(input: $input) ${payload} }`,
    variables: () => ({ input: { ...accessRequest().input, plan: gid('Plan', 'pln_x') } }),
  },
  ...Object.fromEntries(
    ['Approve', 'Retry', 'Reprovision', 'Revoke'].map((action) => [
      `accessRequest${action}`,
      {
        admin: true,
        query: `mutation($input: AccessRequest${action}Input!) { accessRequest${action}(input: $input) ${payload} }`,
        variables: accessRequest,
      },
    ]),
  ),
};

it('covers every root field of the schema', () => {
  const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
    Object.keys(t!.getFields()),
  );
  expect(fields.sort()).toEqual([...Object.keys(QUERIES), ...Object.keys(MUTATIONS)].sort());
  expect(Object.keys(schema.getSubscriptionType()!.getFields()).sort()).toEqual([
    'accessRequestStatus',
    'certificateImportProgress',
    'syncRunProgress',
  ]);
});

describeDatabases('authorization matrix', (ctx) => {
  const h = useServerHarness(ctx);

  const expected = (caller: Caller, op: Operation) =>
    caller === 'anonymous' ? 'UNAUTHENTICATED' : op.admin && caller !== 'admin' ? 'FORBIDDEN' : undefined;

  for (const [name, op] of Object.entries({ ...QUERIES, ...MUTATIONS })) {
    it(`${name}: anonymous and consumers are refused as the schema says, admins served`, async () => {
      for (const caller of CALLERS) {
        const result = await h.gql(caller, op.query, op.variables?.(h));
        const code = expected(caller, op);
        if (code) {
          expect(errorCodes(result), `${name} as ${caller}`).toEqual([code]);
          expect(result.data?.[name] ?? null, `${name} as ${caller}`).toBeNull();
        } else {
          expect(result.errors, `${name} as ${caller}`).toBeUndefined();
        }
      }
    });
  }

  for (const [field, query] of [
    ['syncRunProgress', 'subscription { syncRunProgress { status } }'],
    ['certificateImportProgress', 'subscription { certificateImportProgress(progressKey: "k") { done } }'],
  ] as const) {
    it(`${field}: anonymous and consumers get an error event, nothing else`, async () => {
      for (const [caller, code] of [
        ['anonymous', 'UNAUTHENTICATED'],
        ['consumerA', 'FORBIDDEN'],
      ] as const) {
        const events = await h.subscribe(caller, query);
        expect(events.flatMap((e) => errorCodes(e))).toEqual([code]);
        expect(events.every((e) => !e.data?.[field])).toBe(true);
      }
    });
  }

  it('accessRequestStatus: anonymous gets an error event; an invisible request ends the stream', async () => {
    const query = `subscription { accessRequestStatus(accessRequest: "${gid('AccessRequest', 'acr_x')}") { status } }`;
    const anonymous = await h.subscribe('anonymous', query);
    expect(anonymous.flatMap((e) => errorCodes(e))).toEqual(['UNAUTHENTICATED']);
    for (const caller of ['consumerA', 'consumerB', 'admin'] as const) {
      expect(await h.subscribe(caller, query)).toEqual([]);
    }
  });

  it('an unknown token is refused with its own message', async () => {
    const response = await h.yoga.fetch('http://portal.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer mtp_nobody' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    const result = await response.json();
    expect(result.errors).toMatchObject([
      { message: 'The bearer token names no user.', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
  });
});
