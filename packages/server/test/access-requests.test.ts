import { decodeGlobalID } from '@pothos/plugin-relay';
import { systemActor } from '@repo/core';
import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { beforeEach, expect, it } from 'vitest';
import { createLogger } from '../src/http/logging.ts';
import { createMetrics } from '../src/http/metrics.ts';
import { startProvisioningWorker } from '../src/jobs/provisioning-worker.ts';
import { type AccessFixtures, accessFixtures, REPORTS_API_ID, seedMoreApis } from './support/access.ts';
import { gid, uploaded } from './support/certificates.ts';
import { type Caller, useServerHarness } from './support/harness.ts';

const REQUEST = `{ id status failedStep failureReason rejectReason attempts app { name } product { name } plan { name }
  certificate { name } credentials { id token expiresAt revokedAt } }`;
const SUBMIT = `mutation($input: AccessRequestSubmitInput!) {
  accessRequestSubmit(input: $input) { accessRequest ${REQUEST} userErrors { code message path } }
}`;
const decide = (name: string, input = 'AccessRequestApproveInput') =>
  `mutation($input: ${input}!) { ${name}(input: $input) { accessRequest { id status rejectReason } userErrors { code path } } }`;

describeDatabases('access requests', (ctx) => {
  const h = useServerHarness(ctx);
  let f: AccessFixtures;
  beforeEach(async () => {
    f = await accessFixtures(h);
  });
  const submit = (caller: Caller, input: Record<string, unknown>) =>
    h.gql(caller, SUBMIT, { input: { plan: f.ids.plan, ...input } });
  const act = async (name: string, id: string, extra: Record<string, unknown> = {}, input?: string) =>
    (await h.gql('admin', decide(name, input), { input: { accessRequest: id, ...extra } })).data[name];
  const worker = () => startProvisioningWorker(h.core, { intervalMs: 0, logger: createLogger('silent') });
  /** Approves `id` and runs one worker pass: the request is provisioned when this returns. */
  const approveAndProvision = async (id: string) => {
    const running = worker();
    try {
      expect((await act('accessRequestApprove', id)).accessRequest.status).toBe('PROVISIONING');
      await running.tick();
    } finally {
      await running.stop();
    }
  };

  it("JWT + mTLS: approval issues no credential and says the consumer's own JWT is the token", async () => {
    await seedMoreApis(h);
    const reports = await h.core.products.create(
      { providerId: h.provider.id, name: 'Reports', apiIds: [REPORTS_API_ID] },
      systemActor('test'),
    );
    expect(reports.ok).toBe(true);
    const submitted = await submit('consumerA', {
      app: f.ids.appA,
      product: gid('Product', reports.ok ? reports.value.id : ''),
    });
    const id = submitted.data.accessRequestSubmit.accessRequest.id;
    await uploaded(h, { organisationIds: [h.orgA.id] });
    await approveAndProvision(id);
    const read = await h.gql(
      'consumerA',
      `{ node(id: "${id}") { ... on AccessRequest { status credentialSource credentials { id } } } }`,
    );
    expect(read.data.node).toEqual({ status: 'APPROVED', credentialSource: 'CONSUMER_JWT', credentials: [] });
    const managed = await submit('consumerA', { app: f.ids.appA, product: f.ids.managed });
    const source = await h.gql(
      'consumerA',
      `{ node(id: "${managed.data.accessRequestSubmit.accessRequest.id}") { ... on AccessRequest { credentialSource } } }`,
    );
    expect(source.data.node).toEqual({ credentialSource: 'PORTAL_KEY' });
  });

  it('Managed: submit, approve, provision; the token only to its organisation', async () => {
    const noCertificates = await submit('consumerA', { app: f.ids.appA, product: f.ids.managed });
    const id = noCertificates.data.accessRequestSubmit.accessRequest.id;
    expect(noCertificates.data.accessRequestSubmit.accessRequest).toMatchObject({
      status: 'PENDING',
      app: { name: 'App A' },
      product: { name: 'Managed' },
      plan: { name: 'Gold' },
      certificate: null,
      credentials: [],
    });
    expect(await act('accessRequestApprove', id)).toMatchObject({
      accessRequest: null,
      userErrors: [{ code: 'ACCESS_REQUEST_NO_CERTIFICATES', path: null }],
    });
    await uploaded(h, { organisationIds: [h.orgA.id] });
    await approveAndProvision(id);
    const read = (caller: Caller) =>
      h.gql(caller, `{ node(id: "${id}") { ... on AccessRequest ${REQUEST} } }`);
    const asA = (await read('consumerA')).data.node;
    expect(asA).toMatchObject({
      status: 'APPROVED',
      attempts: 1,
      credentials: [{ token: expect.any(String) }],
    });
    expect((await read('admin')).data.node.credentials).toMatchObject([{ token: null, revokedAt: null }]);
    expect((await read('consumerB')).data.node).toBeNull();
    const credential = asA.credentials[0].id;
    const credentialAs = async (caller: Caller) =>
      (
        await h.gql(
          caller,
          `{ node(id: "${credential}") { ... on Credential { token accessRequest { id } } } }`,
        )
      ).data.node;
    expect(await credentialAs('consumerA')).toEqual({
      token: asA.credentials[0].token,
      accessRequest: { id },
    });
    expect(await credentialAs('admin')).toEqual({ token: null, accessRequest: { id } });
    expect(await credentialAs('consumerB')).toBeNull();
    expect(await act('accessRequestApprove', id)).toMatchObject({
      userErrors: [{ code: 'ACCESS_REQUEST_STATE', path: null }],
    });
    const state = await h.gql(
      'admin',
      `mutation { accessRequestApprove(input: { accessRequest: "${id}" }) {
      userErrors { ... on AccessRequestStateError { status } } } }`,
    );
    expect(state.data.accessRequestApprove.userErrors).toEqual([{ status: 'APPROVED' }]);

    // Re-provision, drift, revoke.
    expect(
      (await act('accessRequestReprovision', id, {}, 'AccessRequestReprovisionInput')).accessRequest.status,
    ).toBe('PROVISIONING');
    await h.core.provisioning.runDue();
    const drift = await h.gql(
      'admin',
      `{ accessDrift(provider: "${gid('Provider', h.provider.id)}") { findings { nodes { kind } } userErrors { code } } }`,
    );
    expect(drift).toEqual({ data: { accessDrift: { findings: { nodes: [] }, userErrors: [] } } });
    expect((await act('accessRequestRevoke', id, {}, 'AccessRequestRevokeInput')).userErrors).toEqual([]);
    await h.core.provisioning.runDue();
    expect((await read('consumerA')).data.node).toMatchObject({
      status: 'REVOKED',
      credentials: [{ revokedAt: expect.any(String) }],
    });
    const afterRevoke = await h.gql(
      'admin',
      `{ accessDrift(provider: "${gid('Provider', h.provider.id)}") { findings { nodes { kind } } } }`,
    );
    expect(afterRevoke.data.accessDrift.findings.nodes).toEqual([]);
  });

  it('Self-Serve: a new PEM or an existing certificate; refusals as userErrors', async () => {
    const cert = await makeCertificate({ freshKey: false, name: 'CN=self-serve' });
    const created = await submit('consumerA', {
      app: f.ids.appA,
      product: f.ids.selfServe,
      certificate: { upload: { pem: cert.pem, name: 'mine' } },
    });
    expect(created.data.accessRequestSubmit).toMatchObject({
      accessRequest: { status: 'PENDING', certificate: { name: 'mine' } },
      userErrors: [],
    });
    const existing = await uploaded(h, { organisationIds: [h.orgA.id], certificateName: 'kept' });
    // One PENDING request per app and product: the second waits for the first's decision.
    const again = await submit('consumerA', {
      app: f.ids.appA,
      product: f.ids.selfServe,
      certificate: { existing: existing.id },
    });
    expect(again.data.accessRequestSubmit).toMatchObject({
      accessRequest: null,
      userErrors: [{ code: 'ACCESS_REQUEST_DUPLICATE_PENDING', path: ['input', 'product'] }],
    });
    await act(
      'accessRequestReject',
      created.data.accessRequestSubmit.accessRequest.id,
      { reason: 'replaced' },
      'AccessRequestRejectInput',
    );
    const reused = await submit('consumerA', {
      app: f.ids.appA,
      product: f.ids.selfServe,
      certificate: { existing: existing.id },
    });
    expect(reused.data.accessRequestSubmit.accessRequest.certificate).toEqual({ name: 'kept' });
    const errors = async (caller: Caller, input: Record<string, unknown>) =>
      (await submit(caller, input)).data.accessRequestSubmit.userErrors.map(
        (e: { code: string; path: string[] }) => [e.code, e.path],
      );
    expect(await errors('consumerA', { app: f.ids.appA, product: f.ids.selfServe })).toEqual([
      ['ACCESS_REQUEST_CERTIFICATE_REQUIRED', ['input', 'certificate']],
    ]);
    expect(
      await errors('consumerA', {
        app: f.ids.appA,
        product: f.ids.managed,
        certificate: { upload: { pem: cert.pem } },
      }),
    ).toEqual([['ACCESS_REQUEST_CERTIFICATE_NOT_ACCEPTED', ['input', 'certificate']]]);
    expect(
      await errors('consumerB', {
        app: f.ids.appB,
        product: f.ids.selfServe,
        certificate: { upload: { pem: cert.pem } },
      }),
    ).toEqual([['ACCESS_REQUEST_CERTIFICATE_NOT_YOURS', ['input', 'certificate', 'upload', 'pem']]]);
    expect(
      await errors('consumerB', {
        app: f.ids.appB,
        product: f.ids.selfServe,
        certificate: { existing: existing.id },
      }),
    ).toEqual([['NOT_FOUND', ['input', 'certificate', 'existing']]]);
    const pem = '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----';
    const [[pemCode, pemPath]] = await errors('consumerA', {
      app: f.ids.appA,
      product: f.ids.selfServe,
      certificate: { upload: { pem } },
    });
    expect([pemCode, pemPath]).toEqual([
      expect.stringMatching(/^PEM_|^CERTIFICATE_/),
      ['input', 'certificate', 'upload', 'pem'],
    ]);
    expect(await errors('consumerB', { app: f.ids.appA, product: f.ids.managed })).toEqual([
      ['NOT_FOUND', ['input', 'app']],
    ]);
    expect(await errors('consumerA', { app: f.ids.appA, product: gid('Product', 'prd_x') })).toEqual([
      ['NOT_FOUND', ['input', 'product']],
    ]);
    expect(
      await errors('consumerA', { app: f.ids.appA, product: f.ids.managed, plan: gid('Plan', 'pln_x') }),
    ).toEqual([['NOT_FOUND', ['input', 'plan']]]);
  });

  it('a Self-Serve certificate waits in a state of its own until its request is decided', async () => {
    const statusOf = async (name: string, filter: Record<string, unknown> = {}) =>
      (
        await h.gql(
          'admin',
          'query($f: CertificateFilter) { certificates(filter: $f) { nodes { name status } } }',
          {
            f: filter,
          },
        )
      ).data.certificates.nodes.filter((n: { name: string }) => n.name === name);
    // Two organisations' apps: one app has one PENDING request per product at a time.
    const submitNew = async (name: string, caller: Caller, app: string) => {
      const cert = await makeCertificate({ freshKey: false, name: `CN=${name}` });
      const submitted = await submit(caller, {
        app,
        product: f.ids.selfServe,
        certificate: { upload: { pem: cert.pem, name } },
      });
      return submitted.data.accessRequestSubmit.accessRequest.id as string;
    };
    const rejected = await submitNew('to-reject', 'consumerA', f.ids.appA);
    const approved = await submitNew('to-approve', 'consumerB', f.ids.appB);
    for (const name of ['to-reject', 'to-approve']) {
      expect(await statusOf(name)).toEqual([{ name, status: 'PENDING_APPROVAL' }]);
      expect(await statusOf(name, { status: ['PENDING_APPROVAL'] })).toHaveLength(1);
      expect(await statusOf(name, { status: ['VALID'] })).toEqual([]);
    }
    // The consumer sees the same state on its own request's certificate.
    const own = await h.gql(
      'consumerA',
      `query($id: ID!) { node(id: $id) { ... on AccessRequest { certificate { status } } } }`,
      {
        id: rejected,
      },
    );
    expect(own.data.node.certificate.status).toBe('PENDING_APPROVAL');

    await act('accessRequestReject', rejected, { reason: 'not this one' }, 'AccessRequestRejectInput');
    expect(await statusOf('to-reject')).toEqual([{ name: 'to-reject', status: 'VALID' }]);
    await approveAndProvision(approved);
    expect(await statusOf('to-approve', { status: ['VALID'] })).toEqual([
      { name: 'to-approve', status: 'VALID' },
    ]);
  });

  it('the certificate is a oneOf: exactly one of upload and existing', async () => {
    const cert = await makeCertificate({ freshKey: false, name: 'CN=one-of' });
    const existing = await uploaded(h, { organisationIds: [h.orgA.id], certificateName: 'kept' });
    const given = (certificate: Record<string, unknown>) =>
      submit('consumerA', { app: f.ids.appA, product: f.ids.selfServe, certificate });
    const both = await given({ upload: { pem: cert.pem }, existing: existing.id });
    const neither = await given({});
    for (const refused of [both, neither]) {
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.map((e) => e.message)).toEqual([expect.stringMatching(/exactly one key/i)]);
    }
    const inline = await h.gql(
      'consumerA',
      `mutation { accessRequestSubmit(input: { app: "${f.ids.appA}", product: "${f.ids.selfServe}",
        plan: "${f.ids.plan}", certificate: { upload: { pem: "x" }, existing: "${existing.id}" } }) { userErrors { code } } }`,
    );
    expect(inline.errors?.map((e) => e.message)).toEqual([expect.stringMatching(/exactly one key/i)]);
    expect((await given({ existing: existing.id })).data.accessRequestSubmit).toMatchObject({
      accessRequest: { certificate: { name: 'kept' } },
      userErrors: [],
    });
  });

  it('accessRequestChangePlan moves an approved request to another plan, keeping its token', async () => {
    const cert = await makeCertificate({ freshKey: false, name: 'CN=plan-change' });
    const submitted = await submit('consumerA', {
      app: f.ids.appA,
      product: f.ids.selfServe,
      certificate: { upload: { pem: cert.pem } },
    });
    const id = submitted.data.accessRequestSubmit.accessRequest.id as string;
    const silver = await h.core.plans.create({ name: 'silver', rate: 5, per: 1 }, systemActor('test'));
    if (!silver.ok) throw silver.error;
    const CHANGE = `mutation($input: AccessRequestChangePlanInput!) {
      accessRequestChangePlan(input: $input) { accessRequest { status plan { name } } userErrors { code path } }
    }`;
    const change = async (caller: Caller, plan: string) =>
      h.gql(caller, CHANGE, { input: { accessRequest: id, plan } });
    expect((await change('admin', gid('Plan', silver.value.id))).data.accessRequestChangePlan).toMatchObject({
      accessRequest: null,
      userErrors: [{ code: 'ACCESS_REQUEST_STATE' }],
    });
    await approveAndProvision(id);
    const token = async () =>
      (await h.gql('consumerA', `{ node(id: "${id}") { ... on AccessRequest { credentials { token } } } }`))
        .data.node.credentials[0].token;
    const before = await token();
    expect((await change('consumerA', gid('Plan', silver.value.id))).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await change('admin', gid('Plan', 'pln_missing'))).data.accessRequestChangePlan.userErrors,
    ).toEqual([{ code: 'NOT_FOUND', path: ['input', 'plan'] }]);
    expect((await change('admin', gid('Plan', silver.value.id))).data.accessRequestChangePlan).toEqual({
      accessRequest: { status: 'PROVISIONING', plan: { name: 'silver' } },
      userErrors: [],
    });
    const running = worker();
    await running.tick();
    await running.stop();
    expect(await token()).toBe(before);
  });

  it('reject with a reason; retry a FAILED provisioning; lists and filters stay in the organisation', async () => {
    const a = (await submit('consumerA', { app: f.ids.appA, product: f.ids.managed })).data
      .accessRequestSubmit.accessRequest.id;
    const b = (await submit('consumerB', { app: f.ids.appB, product: f.ids.managed })).data
      .accessRequestSubmit.accessRequest.id;
    const reject = decide('accessRequestReject', 'AccessRequestRejectInput');
    const blank = await h.gql('admin', reject, { input: { accessRequest: b, reason: ' ' } });
    expect(blank.data.accessRequestReject.userErrors).toEqual([
      { code: 'INVALID_INPUT', path: ['input', 'reason'] },
    ]);
    const rejected = await h.gql('admin', reject, { input: { accessRequest: b, reason: 'No contract' } });
    expect(rejected.data.accessRequestReject.accessRequest).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'No contract',
    });
    const missing = await h.gql('admin', reject, {
      input: { accessRequest: gid('AccessRequest', 'acr_x'), reason: 'x' },
    });
    expect(missing.data.accessRequestReject.userErrors).toEqual([
      { code: 'NOT_FOUND', path: ['input', 'accessRequest'] },
    ]);
    expect((await act('accessRequestRetry', a, {}, 'AccessRequestRetryInput')).userErrors).toEqual([
      { code: 'ACCESS_REQUEST_STATE', path: null },
    ]);

    await uploaded(h, { organisationIds: [h.orgA.id] });
    await h.control('POST', '/_mock/faults', {
      kind: 'status',
      status: 500,
      method: 'POST',
      path: '/api/keys*',
      times: 5,
    });
    await act('accessRequestApprove', a);
    await h.core.provisioning.runDue();
    const failed = await h.gql(
      'admin',
      `{ node(id: "${a}") { ... on AccessRequest { status failedStep failureReason attempts } } }`,
    );
    expect(failed.data.node).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      failedStep: 'CREATE_KEY',
      failureReason: expect.any(String),
    });
    await h.control('DELETE', '/_mock/faults');
    // The payload counts the attempt the retry starts: a client need not refetch to show it.
    const retried = await h.gql(
      'admin',
      'mutation($input: AccessRequestRetryInput!) { accessRequestRetry(input: $input) { accessRequest { status attempts } userErrors { code } } }',
      { input: { accessRequest: a } },
    );
    expect(retried.data.accessRequestRetry).toEqual({
      accessRequest: { status: 'PROVISIONING', attempts: 2 },
      userErrors: [],
    });
    await h.core.provisioning.runDue();
    expect(await h.core.accessRequests.get(decodeGlobalID(a).id, systemActor('test'))).toMatchObject({
      status: 'APPROVED',
      attempts: 2,
    });

    const statuses = async (caller: Caller, filter = '') =>
      (
        await h.gql(caller, `{ accessRequests${filter} { edges { node { status app { name } } } } }`)
      ).data.accessRequests.edges.map(
        (e: { node: { status: string; app: { name: string } } }) => `${e.node.app.name}:${e.node.status}`,
      );
    expect((await statuses('admin')).sort()).toEqual(['App A:APPROVED', 'App B:REJECTED']);
    expect(await statuses('consumerA')).toEqual(['App A:APPROVED']);
    expect(await statuses('consumerB')).toEqual(['App B:REJECTED']);
    expect(await statuses('admin', '(filter: { status: REJECTED })')).toEqual(['App B:REJECTED']);
    expect(await statuses('admin', `(filter: { app: "${f.ids.appA}" })`)).toEqual(['App A:APPROVED']);
    expect(await statuses('consumerB', `(filter: { app: "${f.ids.appA}" })`)).toEqual([]);
    expect(await statuses('admin', `(filter: { product: "${f.ids.selfServe}" })`)).toEqual([]);
  });

  it('the worker is woken by an approval (through the database, never polling) and counts the jobs it ran', async () => {
    await uploaded(h, { organisationIds: [h.orgA.id] });
    const metrics = createMetrics(h.core);
    const running = startProvisioningWorker(h.core, {
      intervalMs: 0,
      logger: createLogger('silent'),
      jobs: metrics.provisioningJobs,
    });
    await running.ready;
    try {
      const id = (await submit('consumerA', { app: f.ids.appA, product: f.ids.managed })).data
        .accessRequestSubmit.accessRequest.id;
      const events = await h.subscribe(
        'consumerA',
        `subscription { accessRequestStatus(accessRequest: "${id}") { status accessRequest { id } } }`,
        {},
        {
          started: () => act('accessRequestApprove', id),
        },
      );
      const seen = events.map((e) => e.data?.accessRequestStatus.status);
      expect(seen[0]).toBe('PENDING');
      expect(seen.at(-1)).toBe('APPROVED');
      await running.tick();
      expect(await metrics.registry.getSingleMetricAsString('portal_provisioning_jobs_total')).toContain(
        'portal_provisioning_jobs_total{outcome="run"} 1',
      );
      const foreign = await h.subscribe(
        'consumerB',
        `subscription { accessRequestStatus(accessRequest: "${id}") { status } }`,
      );
      expect(foreign).toEqual([]);
    } finally {
      await running.stop();
      metrics.close();
    }
  });
});
