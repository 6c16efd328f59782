import { createCore, MODE_CHANGE_WARNING, openDatabase } from '@repo/core';
import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { signHs256 } from '@repo/mock-dashboard';
import { expect, it } from 'vitest';
import {
  ACCESS_SEED,
  consumerOrganisation,
  gold,
  JWT_SECRET,
  must,
  PAYMENTS_API,
  REPORTS_API,
} from '../support/access-fixtures.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import { callGateway } from '../support/gateway-client.ts';

describeDatabases('access requests', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });

  const setup = async (mode: 'MANAGED' | 'SELF_SERVE', bind = true, organisation = 'Acme') => {
    const consumer = await consumerOrganisation(h.core, organisation);
    const product = must(
      await h.core.products.create(
        {
          providerId: h.provider.id,
          name: `P ${mode}`,
          apiIds: [PAYMENTS_API],
          certificateMode: mode,
          bindCertificateToToken: bind,
        },
        ADMIN,
      ),
    );
    return { consumer, product, plan: await gold(h.core) };
  };
  /** The consumer's Managed request for the product on the plan, approved and provisioned, with its token. */
  const granted = async (
    consumer: Awaited<ReturnType<typeof setup>>['consumer'],
    productId: string,
    planId: string,
  ) => {
    const request = must(
      await h.core.accessRequests.submit({ appId: consumer.app.id, productId, planId }, consumer.actor),
    );
    must(await h.core.accessRequests.approve(request.id, h.admin));
    while ((await h.core.provisioning.runDue()) > 0);
    const [credential] = await h.core.accessRequests.credentials([request.id], consumer.actor);
    return { request, token: credential!.token! };
  };

  it('refuses mode and binding for JWT + mTLS; approval leaves the Dashboard allow list to the admin', async () => {
    const base = { providerId: h.provider.id, name: 'Reports', apiIds: [REPORTS_API] };
    expect(await h.core.products.create({ ...base, certificateMode: 'MANAGED' }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'PRODUCT_OPTION_NOT_APPLICABLE', path: ['certificateMode'] },
    });
    expect(await h.core.products.create({ ...base, bindCertificateToToken: true }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'PRODUCT_OPTION_NOT_APPLICABLE', path: ['bindCertificateToToken'] },
    });
    expect(
      await h.core.products.create({ ...base, apiIds: [REPORTS_API, PAYMENTS_API] }, ADMIN),
    ).toMatchObject({ ok: false, error: { code: 'PRODUCT_AUTH_TYPE_MIXED' } });
    const product = must(await h.core.products.create(base, ADMIN));
    expect(product).toMatchObject({
      authType: 'JWT_MTLS',
      certificateMode: null,
      bindCertificateToToken: false,
    });
    const consumer = await consumerOrganisation(h.core, 'Acme');
    const plan = await gold(h.core);
    const cert = await makeCertificate({ name: 'CN=jwt client', freshKey: true });
    expect(
      await h.core.accessRequests.submit(
        { appId: consumer.app.id, productId: product.id, planId: plan.id, certificate: { pem: cert.pem } },
        consumer.actor,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_REQUEST_CERTIFICATE_NOT_ACCEPTED' },
    });
    const request = must(
      await h.core.accessRequests.submit(
        { appId: consumer.app.id, productId: product.id, planId: plan.id },
        consumer.actor,
      ),
    );
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await h.core.provisioning.runDue();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'APPROVED' });
    expect(await h.core.accessRequests.credentials([request.id], consumer.actor)).toEqual([]);
    // The admin manages the JWT API's allow list in the Dashboard.
    const wrapper = await (await h.dashboard('GET', `/api/apis/${REPORTS_API}`)).json();
    expect(wrapper.api_definition.client_certificates).toEqual([]);
    await h.dashboard('POST', '/api/certs', cert.pem);
    wrapper.api_definition.client_certificates = [ORG_ID + sha256Hex(cert.der)];
    await h.dashboard('PUT', `/api/apis/${REPORTS_API}`, JSON.stringify(wrapper));
    const jwt = signHs256({ sub: 'acme-dev', exp: Math.floor(Date.now() / 1000) + 60 }, JWT_SECRET);
    expect(await callGateway(h.mock, '/reports/daily', { cert, token: `Bearer ${jwt}` })).toMatchObject({
      status: 200,
    });
    const other = await makeCertificate({ name: 'CN=other', freshKey: true });
    expect(
      await callGateway(h.mock, '/reports/daily', { cert: other, token: `Bearer ${jwt}` }),
    ).toMatchObject({ status: 403 });
  });

  it('checks who supplies the certificate, and stores nothing when refusing', async () => {
    const managed = await setup('MANAGED');
    const cert = await makeCertificate({ name: 'CN=x', freshKey: true });
    const ids = { appId: managed.consumer.app.id, productId: managed.product.id, planId: managed.plan.id };
    expect(
      await h.core.accessRequests.submit({ ...ids, certificate: { pem: cert.pem } }, managed.consumer.actor),
    ).toMatchObject({ error: { code: 'ACCESS_REQUEST_CERTIFICATE_NOT_ACCEPTED' } });
    const request = must(await h.core.accessRequests.submit(ids, managed.consumer.actor));
    expect(await h.core.accessRequests.approve(request.id, h.admin)).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_REQUEST_NO_CERTIFICATES' },
    });
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'PENDING' });

    const selfServe = await setup('SELF_SERVE', true, 'Initech');
    const ssIds = {
      appId: selfServe.consumer.app.id,
      productId: selfServe.product.id,
      planId: selfServe.plan.id,
    };
    expect(await h.core.accessRequests.submit(ssIds, selfServe.consumer.actor)).toMatchObject({
      error: { code: 'ACCESS_REQUEST_CERTIFICATE_REQUIRED' },
    });
    expect(
      await h.core.accessRequests.submit(
        { ...ssIds, certificate: { pem: cert.pem + cert.keyPem } },
        selfServe.consumer.actor,
      ),
    ).toMatchObject({
      error: { code: 'PEM_PRIVATE_KEY', path: ['certificate', 'pem'] },
    });
    const expired = await makeCertificate({
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    expect(
      await h.core.accessRequests.submit(
        { ...ssIds, certificate: { pem: expired.pem } },
        selfServe.consumer.actor,
      ),
    ).toMatchObject({ error: { code: 'CERTIFICATE_EXPIRED' } });
    const other = await consumerOrganisation(h.core, 'Globex');
    expect(
      await h.core.accessRequests.submit({ ...ssIds, appId: other.app.id }, selfServe.consumer.actor),
    ).toMatchObject({ error: { code: 'NOT_FOUND', path: ['appId'] } });
    expect(await ctx.db.query.accessRequests.findMany()).toHaveLength(1);
    expect(await ctx.db.query.certificates.findMany()).toEqual([]);
    const state = (await h.control('GET', '/_mock/state')) as { certificates: unknown[] };
    expect(state.certificates).toEqual([]);
  });

  it('refuses a second PENDING request for the same app and product, even when two race', async () => {
    const { consumer, product, plan } = await setup('SELF_SERVE');
    const ids = { appId: consumer.app.id, productId: product.id, planId: plan.id };
    const [a, b, c] = await Promise.all([1, 2, 3].map((i) => makeCertificate({ name: `CN=dup ${i}` })));
    const submit = (pem: string) =>
      h.core.accessRequests.submit({ ...ids, certificate: { pem } }, consumer.actor);
    const first = must(await submit(a!.pem));
    expect(await submit(b!.pem)).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_REQUEST_DUPLICATE_PENDING', path: ['productId'] },
    });
    // Two at once: the unique index lets one in (here none, the first is still PENDING) and the
    // refusal stores nothing, not even the Self-Serve certificate it came with.
    const raced = await Promise.all([submit(b!.pem), submit(c!.pem)]);
    expect(raced.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'ACCESS_REQUEST_DUPLICATE_PENDING',
      'ACCESS_REQUEST_DUPLICATE_PENDING',
    ]);
    expect(await ctx.db.query.accessRequests.findMany()).toHaveLength(1);
    expect(await ctx.db.query.certificates.findMany()).toHaveLength(1);

    // Decided, the slot is free again; another app of the organisation was never blocked.
    must(await h.core.accessRequests.reject(first.id, 'wrong plan', h.admin));
    must(await submit(b!.pem));
    const racedFresh = await Promise.all(
      [1, 2].map(async () => {
        const org = await consumerOrganisation(h.core, `Racer ${Math.random()}`);
        const mine = { appId: org.app.id, productId: product.id, planId: plan.id };
        const [x, y] = await Promise.all([makeCertificate(), makeCertificate()]);
        return Promise.all([
          h.core.accessRequests.submit({ ...mine, certificate: { pem: x.pem } }, org.actor),
          h.core.accessRequests.submit({ ...mine, certificate: { pem: y.pem } }, org.actor),
        ]);
      }),
    );
    for (const pair of racedFresh) {
      expect(pair.filter((r) => r.ok)).toHaveLength(1);
      expect(pair.filter((r) => !r.ok)[0]).toMatchObject({
        error: { code: 'ACCESS_REQUEST_DUPLICATE_PENDING' },
      });
    }
  });

  it('rejects with a reason, and a consumer cannot decide', async () => {
    const { consumer, product, plan } = await setup('MANAGED');
    const request = must(
      await h.core.accessRequests.submit(
        { appId: consumer.app.id, productId: product.id, planId: plan.id },
        consumer.actor,
      ),
    );
    expect(await h.core.accessRequests.approve(request.id, consumer.actor)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.accessRequests.reject(request.id, ' ', h.admin)).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(await h.core.accessRequests.reject(request.id, 'not a customer', h.admin)).toMatchObject({
      ok: true,
      value: { status: 'REJECTED', rejectReason: 'not a customer' },
    });
    expect(await h.core.accessRequests.approve(request.id, h.admin)).toMatchObject({
      error: { code: 'ACCESS_REQUEST_STATE' },
    });
  });

  it('revokes: the key is gone and the token stops working', async () => {
    const { consumer, product, plan } = await setup('SELF_SERVE');
    const cert = await makeCertificate({ name: 'CN=revoke me', freshKey: true });
    const request = must(
      await h.core.accessRequests.submit(
        { appId: consumer.app.id, productId: product.id, planId: plan.id, certificate: { pem: cert.pem } },
        consumer.actor,
      ),
    );
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await h.core.provisioning.runDue();
    const [credential] = await h.core.accessRequests.credentials([request.id], consumer.actor);
    expect(await callGateway(h.mock, '/payments/a', { cert, token: credential!.token! })).toMatchObject({
      status: 200,
    });
    must(await h.core.accessRequests.revoke(request.id, h.admin));
    await h.core.provisioning.runDue();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'REVOKED' });
    // Withdrawn both ways: the certificate is off the allow list (checked first), and the key is gone.
    expect(await callGateway(h.mock, '/payments/a', { cert, token: credential!.token! })).toEqual({
      status: 403,
      body: { error: `Certificate with SHA256 ${sha256Hex(cert.der)} not allowed` },
    });
    const state = (await h.control('GET', '/_mock/state')) as { keys: unknown[] };
    expect(state.keys).toEqual([]);
    expect((await h.core.accessRequests.credentials([request.id], consumer.actor))[0]?.revokedAt).toEqual(
      expect.any(Date),
    );
  });

  it('changes the plan of an approved request: the key gets its limits, the token stays', async () => {
    const { consumer, product, plan } = await setup('SELF_SERVE');
    const cert = await makeCertificate({ name: 'CN=plan change', freshKey: true });
    const request = must(
      await h.core.accessRequests.submit(
        { appId: consumer.app.id, productId: product.id, planId: plan.id, certificate: { pem: cert.pem } },
        consumer.actor,
      ),
    );
    const silver = must(
      await h.core.plans.create(
        { name: 'silver', rate: 5, per: 1, quotaMax: 1000n, quotaRenewalRate: 3600 },
        ADMIN,
      ),
    );
    // Only an APPROVED request moves; only admins move it; the plan must exist.
    expect(await h.core.accessRequests.changePlan(request.id, silver.id, h.admin)).toMatchObject({
      error: { code: 'ACCESS_REQUEST_STATE' },
    });
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await h.core.provisioning.runDue();
    const [before] = await h.core.accessRequests.credentials([request.id], consumer.actor);
    expect(await h.core.accessRequests.changePlan(request.id, silver.id, consumer.actor)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.accessRequests.changePlan(request.id, 'pln_missing', h.admin)).toMatchObject({
      error: { code: 'NOT_FOUND', path: ['planId'] },
    });

    expect(must(await h.core.accessRequests.changePlan(request.id, silver.id, h.admin))).toMatchObject({
      status: 'PROVISIONING',
      planId: silver.id,
    });
    await h.core.provisioning.runDue();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'APPROVED' });
    const state = (await h.control('GET', '/_mock/state')) as {
      keys: {
        session: { rate: number; per: number; quota_max: number; meta_data?: Record<string, string> };
      }[];
    };
    const keys = state.keys.filter((k) => k.session.meta_data?.portal_access_request === request.id);
    expect(keys.map((k) => [k.session.rate, k.session.per, k.session.quota_max])).toEqual([[5, 1, 1000]]);
    const [after] = await h.core.accessRequests.credentials([request.id], consumer.actor);
    expect(after).toMatchObject({ id: before!.id, token: before!.token, expiresAt: before!.expiresAt });
    expect(await callGateway(h.mock, '/payments/a', { cert, token: after!.token! })).toMatchObject({
      status: 200,
    });
    const [event] = await ctx.db.query.auditEvents.findMany({
      where: { action: 'access_request.change_plan' },
    });
    expect(event).toMatchObject({ before: { planId: plan.id }, after: { planId: silver.id } });
  });

  it("enforces the plan's quota at the gateway; a binding change keeps the count, a plan change starts it again", async () => {
    const { consumer, product } = await setup('MANAGED', true);
    const [first, second] = await Promise.all(
      ['CN=metered one', 'CN=metered two'].map((name) => makeCertificate({ name, freshKey: true })),
    );
    const upload = async (cert: typeof first) =>
      must(
        await h.core.certificates.upload(
          { providerId: h.provider.id, pem: cert!.pem, organisationIds: [consumer.organisationId] },
          ADMIN,
        ),
      );
    await upload(first);
    const metered = must(
      await h.core.plans.create(
        { name: 'metered', rate: 100, per: 1, quotaMax: 2n, quotaRenewalRate: 3600 },
        ADMIN,
      ),
    );
    const { request, token } = await granted(consumer, product.id, metered.id);
    const call = async (cert: typeof first) => {
      const answer = await callGateway(h.mock, '/payments/a', { cert: cert!, token });
      return answer.status === 200 ? 200 : [answer.status, answer.body];
    };
    const exceeded = [403, { error: 'Quota exceeded' }];
    expect([await call(first), await call(first), await call(first)]).toEqual([200, 200, exceeded]);

    // A second certificate, re-provisioned, rewrites the key's bindings with the same limits: the
    // count stays (Tyk would start it again had the portal not asked suppress_reset=1).
    await upload(second);
    must(await h.core.accessRequests.reprovision(request.id, h.admin));
    while ((await h.core.provisioning.runDue()) > 0);
    expect(await call(second)).toEqual(exceeded);

    // A larger plan rewrites the limits: Tyk starts the quota again, the token is the same.
    const larger = must(
      await h.core.plans.create(
        { name: 'larger', rate: 100, per: 1, quotaMax: 3n, quotaRenewalRate: 3600 },
        ADMIN,
      ),
    );
    must(await h.core.accessRequests.changePlan(request.id, larger.id, h.admin));
    while ((await h.core.provisioning.runDue()) > 0);
    expect([await call(first), await call(second), await call(first), await call(second)]).toEqual([
      200,
      200,
      200,
      exceeded,
    ]);
    const [after] = await h.core.accessRequests.credentials([request.id], consumer.actor);
    expect(after!.token).toBe(token);
  });

  it('re-provisions Managed access when the organisation gains a certificate, and warns on a mode change', async () => {
    const { consumer, product, plan } = await setup('MANAGED', true);
    const first = await makeCertificate({ name: 'CN=first', freshKey: true });
    const second = await makeCertificate({ name: 'CN=second', freshKey: true });
    must(
      await h.core.certificates.upload(
        { providerId: h.provider.id, pem: first.pem, organisationIds: [consumer.organisationId] },
        ADMIN,
      ),
    );
    const { request, token } = await granted(consumer, product.id, plan.id);
    must(
      await h.core.certificates.upload(
        { providerId: h.provider.id, pem: second.pem, organisationIds: [consumer.organisationId] },
        ADMIN,
      ),
    );
    expect((await callGateway(h.mock, '/payments/a', { cert: second, token })).status).toBe(403);
    must(await h.core.accessRequests.reprovision(request.id, h.admin));
    await h.core.provisioning.runDue();
    expect(await callGateway(h.mock, '/payments/a', { cert: second, token })).toMatchObject({ status: 200 });
    expect(
      (await h.core.accessRequests.credentials([request.id], consumer.actor)).filter((c) => !c.revokedAt),
    ).toHaveLength(1);
    expect(await h.core.products.update(product.id, { certificateMode: 'SELF_SERVE' }, ADMIN)).toMatchObject({
      ok: true,
      value: { warnings: [MODE_CHANGE_WARNING] },
    });
  });

  it('puts all 50 certificates of 50 concurrent approvals on one API, with two core instances', async () => {
    const { product, plan } = await setup('SELF_SERVE', false);
    const second = ctx.url ? await openDatabase({ url: ctx.url, max: 4 }) : undefined;
    try {
      const requests = [];
      for (let i = 0; i < 50; i++) {
        const org = await consumerOrganisation(h.core, `Org ${i}`);
        const cert = await makeCertificate({ name: `CN=client ${i}` });
        requests.push(
          must(
            await h.core.accessRequests.submit(
              { appId: org.app.id, productId: product.id, planId: plan.id, certificate: { pem: cert.pem } },
              org.actor,
            ),
          ),
        );
      }
      await Promise.all(requests.map(async (r) => must(await h.core.accessRequests.approve(r.id, h.admin))));
      const other = createCore({ db: second?.db ?? ctx.db, secrets: h.secrets });
      const drain = async (core: typeof other) => {
        while ((await core.provisioning.runDue({ limit: 10, concurrency: 5 })) > 0);
      };
      await Promise.all([drain(h.core), drain(other)]);
      const approved = must(await h.core.accessRequests.list({ status: 'APPROVED' }, { first: 100 }, ADMIN));
      expect(approved.nodes).toHaveLength(50);
      const wrapper = await (await h.dashboard('GET', `/api/apis/${PAYMENTS_API}`)).json();
      expect(new Set(wrapper.api_definition.client_certificates).size).toBe(50);
      expect(wrapper.api_definition.client_certificates).toHaveLength(50);
    } finally {
      await second?.close();
    }
  });
});
