import { BINDING_CHANGE_WARNING, MODE_CHANGE_WARNING, systemActor } from '@repo/core';
import { describeDatabases } from '@repo/core/testing';
import { beforeEach, expect, it } from 'vitest';
import { accessFixtures, LEDGER_API_ID, REPORTS_API_ID, seedMoreApis } from './support/access.ts';
import { gid, uploaded } from './support/certificates.ts';
import { PAYMENTS_API_ID, useServerHarness } from './support/harness.ts';

const PRODUCT =
  '{ id name description authType certificateMode bindCertificateToToken apis { apiId apiKind name } provider { name } }';
const CREATE = `mutation($input: ProductCreateInput!) { productCreate(input: $input) { product ${PRODUCT} userErrors { code message path } } }`;
const UPDATE = `mutation($input: ProductUpdateInput!) {
  productUpdate(input: $input) { product { certificateMode bindCertificateToToken } warnings userErrors { code path } }
}`;
const PLAN_CREATE = `mutation($input: PlanCreateInput!) {
  planCreate(input: $input) { plan { id name rate per quotaMax quotaRenewalRate keyLifetimeSeconds } userErrors { code path } }
}`;
const APP_CREATE = `mutation($input: AppCreateInput!) {
  appCreate(input: $input) { app { id name owner { name } organisation { name } } userErrors { code path } }
}`;

describeDatabases('products, plans and apps', (ctx) => {
  const h = useServerHarness(ctx);
  beforeEach(() => seedMoreApis(h));
  const provider = () => gid('Provider', h.provider.id);

  it('productCreate derives the auth type from the Dashboard; products lists them for everyone', async () => {
    const create = (input: Record<string, unknown>) =>
      h.gql('admin', CREATE, { input: { provider: provider(), ...input } });
    const managed = await create({
      name: 'Payments',
      description: 'Card payments',
      apiIds: [PAYMENTS_API_ID],
      certificateMode: 'MANAGED',
      bindCertificateToToken: true,
    });
    expect(managed.data.productCreate).toMatchObject({
      product: {
        name: 'Payments',
        authType: 'AUTH_TOKEN_MTLS',
        certificateMode: 'MANAGED',
        bindCertificateToToken: true,
        apis: [{ apiId: PAYMENTS_API_ID, apiKind: 'CLASSIC', name: 'Payments API' }],
        provider: { name: 'Mock' },
      },
      userErrors: [],
    });
    const oas = await create({ name: 'Ledger', apiIds: [LEDGER_API_ID] });
    expect(oas.data.productCreate.product).toMatchObject({
      certificateMode: 'SELF_SERVE',
      apis: [{ apiKind: 'OAS' }],
    });
    const jwt = await create({ name: 'Reports', apiIds: [REPORTS_API_ID] });
    expect(jwt.data.productCreate.product).toMatchObject({ authType: 'JWT_MTLS', certificateMode: null });
    // Where the token comes from: a key the portal issues, or the consumer's own JWT.
    const sources = await h.gql('admin', '{ products { nodes { name credentialSource } } }');
    expect(sources.data.products.nodes).toEqual([
      { name: 'Ledger', credentialSource: 'PORTAL_KEY' },
      { name: 'Payments', credentialSource: 'PORTAL_KEY' },
      { name: 'Reports', credentialSource: 'CONSUMER_JWT' },
    ]);

    const list = '{ products { edges { node { name provider { name } } } } }';
    const asConsumer = await h.gql('consumerA', list);
    expect(asConsumer.data.products.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { name: 'Ledger', provider: null },
      { name: 'Payments', provider: null },
      { name: 'Reports', provider: null },
    ]);
    const byNode = await h.gql(
      'consumerB',
      `{ node(id: "${managed.data.productCreate.product.id}") { ... on Product { name } } }`,
    );
    expect(byNode.data.node).toEqual({ name: 'Payments' });
    const filtered = await h.gql(
      'consumerA',
      `{ products(filter: { provider: "${provider()}" }) { edges { cursor } } }`,
    );
    expect(filtered.data.products.edges).toEqual([]);
  });

  it('productCreate refuses with userErrors and stores nothing', async () => {
    const refused = async (input: Record<string, unknown>) =>
      (
        await h.gql('admin', CREATE, {
          input: { provider: provider(), name: 'P', apiIds: [PAYMENTS_API_ID], ...input },
        })
      ).data.productCreate;
    expect(await refused({ apiIds: ['nope'] })).toMatchObject({
      product: null,
      userErrors: [{ code: 'PRODUCT_API_NOT_FOUND', path: ['input', 'apiIds'] }],
    });
    expect((await refused({ apiIds: [PAYMENTS_API_ID, REPORTS_API_ID] })).userErrors).toMatchObject([
      { code: 'PRODUCT_AUTH_TYPE_MIXED', path: ['input', 'apiIds'] },
    ]);
    expect(
      (await refused({ apiIds: [REPORTS_API_ID], certificateMode: 'MANAGED' })).userErrors,
    ).toMatchObject([{ code: 'PRODUCT_OPTION_NOT_APPLICABLE', path: ['input', 'certificateMode'] }]);
    expect((await refused({ name: ' ' })).userErrors).toMatchObject([
      { code: 'INVALID_INPUT', path: ['input', 'name'] },
    ]);
    expect((await refused({ apiIds: [] })).userErrors).toMatchObject([
      { code: 'INVALID_INPUT', path: ['input', 'apiIds'] },
    ]);
    expect((await refused({ provider: gid('Provider', 'prv_missing') })).userErrors).toMatchObject([
      { code: 'NOT_FOUND', path: ['input', 'provider'] },
    ]);
    expect((await refused({})).userErrors).toEqual([]);
    expect((await refused({})).userErrors).toMatchObject([
      { code: 'PRODUCT_NAME_TAKEN', path: ['input', 'name'] },
    ]);
    expect(await h.core.products.list()).toHaveLength(1);
  });

  it('productUpdate changes mode and binding, warning when access is live', async () => {
    const { managed, appA, plan, actors } = await accessFixtures(h);
    const id = gid('Product', managed.id);
    const first = await h.gql('admin', UPDATE, { input: { product: id, bindCertificateToToken: false } });
    expect(first.data.productUpdate).toEqual({
      product: { certificateMode: 'MANAGED', bindCertificateToToken: false },
      warnings: [],
      userErrors: [],
    });
    // Approved access: a certificate of A's organisation, a request, provisioning.
    await uploaded(h, { organisationIds: [h.orgA.id] });
    const request = await h.core.accessRequests.submit(
      { appId: appA.id, productId: managed.id, planId: plan.id },
      actors.consumerA,
    );
    if (!request.ok) throw request.error;
    await h.core.accessRequests.approve(request.value.id, systemActor('test'));
    await h.core.provisioning.runDue();
    const changed = await h.gql('admin', UPDATE, {
      input: { product: id, certificateMode: 'SELF_SERVE', bindCertificateToToken: true },
    });
    expect(changed.data.productUpdate.warnings).toEqual([MODE_CHANGE_WARNING, BINDING_CHANGE_WARNING]);
    const missing = await h.gql('admin', UPDATE, { input: { product: gid('Product', 'prd_x'), name: 'x' } });
    expect(missing.data.productUpdate.userErrors).toEqual([
      { code: 'NOT_FOUND', path: ['input', 'product'] },
    ]);
  });

  it('productUpdate refuses mode and binding on a JWT product', async () => {
    const created = await h.gql('admin', CREATE, {
      input: { provider: provider(), name: 'Reports', apiIds: [REPORTS_API_ID] },
    });
    const id = created.data.productCreate.product.id;
    const result = await h.gql('admin', UPDATE, { input: { product: id, bindCertificateToToken: true } });
    expect(result.data.productUpdate).toEqual({
      product: null,
      warnings: [],
      userErrors: [{ code: 'PRODUCT_OPTION_NOT_APPLICABLE', path: ['input', 'bindCertificateToToken'] }],
    });
  });

  it('planCreate and plans', async () => {
    const input = {
      name: 'Gold',
      rate: 100,
      per: 60,
      quotaMax: 1000,
      quotaRenewalRate: 3600,
      keyLifetimeSeconds: 86400,
    };
    const created = await h.gql('admin', PLAN_CREATE, { input });
    expect(created.data.planCreate).toMatchObject({ plan: { ...input, quotaMax: '1000' }, userErrors: [] });
    const again = await h.gql('admin', PLAN_CREATE, { input });
    expect(again.data.planCreate.userErrors).toEqual([{ code: 'PLAN_NAME_TAKEN', path: ['input', 'name'] }]);
    const bad = await h.gql('admin', PLAN_CREATE, { input: { name: 'Bad', rate: 0, per: 1 } });
    expect(bad.data.planCreate.userErrors).toEqual([{ code: 'INVALID_INPUT', path: ['input', 'rate'] }]);
    const plans = await h.gql('consumerB', '{ plans { edges { node { name keyLifetimeSeconds } } } }');
    expect(plans.data.plans.edges).toEqual([{ node: { name: 'Gold', keyLifetimeSeconds: 86400 } }]);
  });

  it('quotaMax is an Int64: values past 2^31 and 2^53 round-trip exactly, as strings', async () => {
    const create = (name: string, quotaMax: unknown) =>
      h.gql('admin', PLAN_CREATE, { input: { name, rate: 1, per: 1, quotaMax } });
    // A JSON number above GraphQL's 32-bit Int, and a string past what a double holds exactly.
    expect((await create('Big', 3_000_000_000)).data.planCreate.plan.quotaMax).toBe('3000000000');
    expect((await create('Huge', '9007199254740993')).data.planCreate.plan.quotaMax).toBe('9007199254740993');
    expect((await create('Max', '9223372036854775807')).data.planCreate.plan.quotaMax).toBe(
      '9223372036854775807',
    );
    const read = await h.gql('admin', '{ plans { edges { node { name quotaMax } } } }');
    expect(read.data.plans.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { name: 'Big', quotaMax: '3000000000' },
      { name: 'Huge', quotaMax: '9007199254740993' },
      { name: 'Max', quotaMax: '9223372036854775807' },
    ]);
    const literal = await h.gql(
      'admin',
      'mutation { planCreate(input: { name: "Lit", rate: 1, per: 1, quotaMax: 4294967296 }) { plan { quotaMax } } }',
    );
    expect(literal.data.planCreate.plan.quotaMax).toBe('4294967296');
    expect((await create('Unlimited', -1)).data.planCreate.plan.quotaMax).toBe('-1');
    expect((await create('Below', '-2')).data.planCreate.userErrors).toEqual([
      { code: 'INVALID_INPUT', path: ['input', 'quotaMax'] },
    ]);
    for (const outOfRange of [
      '9223372036854775808',
      '-9223372036854775809',
      2 ** 53, // not a safe integer: it may already be rounded
      1.5,
      '1e3',
      '',
    ]) {
      const refused = await create('Refused', outOfRange);
      expect(refused.data, String(outOfRange)).toBeUndefined();
      expect(refused.errors?.[0]?.message).toMatch(/Int64/);
    }
  });

  it('appCreate: a consumer for itself, an admin for a consumer; apps stay in their organisation', async () => {
    const mine = await h.gql('consumerA', APP_CREATE, { input: { name: 'Checkout' } });
    expect(mine.data.appCreate).toMatchObject({
      app: { name: 'Checkout', organisation: { name: 'Org A' }, owner: { name: expect.any(String) } },
      userErrors: [],
    });
    const taken = await h.gql('consumerA', APP_CREATE, { input: { name: 'Checkout' } });
    expect(taken.data.appCreate.userErrors).toEqual([{ code: 'APP_NAME_TAKEN', path: ['input', 'name'] }]);
    const users = await h.core.users.all({ organisationId: h.orgB.id }, systemActor('test'));
    const ownerB = gid('User', users[0]!.id);
    const forB = await h.gql('admin', APP_CREATE, { input: { name: 'Checkout', owner: ownerB } });
    expect(forB.data.appCreate.app.organisation).toEqual({ name: 'Org B' });
    const noOwner = await h.gql('admin', APP_CREATE, { input: { name: 'Orphan' } });
    expect(noOwner.data.appCreate.userErrors).toEqual([{ code: 'NOT_FOUND', path: ['input', 'owner'] }]);
    const blank = await h.gql('consumerA', APP_CREATE, { input: { name: '' } });
    expect(blank.data.appCreate.userErrors).toEqual([{ code: 'INVALID_INPUT', path: ['input', 'name'] }]);

    const list = '{ apps { edges { node { name organisation { name } } } } }';
    const names = async (caller: 'admin' | 'consumerA' | 'consumerB') =>
      (await h.gql(caller, list)).data.apps.edges.map(
        (e: { node: { organisation: { name: string } } }) => e.node.organisation.name,
      );
    expect(await names('admin')).toEqual(['Org A', 'Org B']);
    expect(await names('consumerA')).toEqual(['Org A']);
    expect(await names('consumerB')).toEqual(['Org B']);
    const foreign = await h.gql('consumerB', `{ node(id: "${mine.data.appCreate.app.id}") { id } }`);
    expect(foreign.data.node).toBeNull();
    const filtered = await h.gql(
      'consumerB',
      `{ apps(filter: { organisation: "${gid('Organisation', h.orgA.id)}" }) { edges { cursor } } }`,
    );
    expect(filtered.data.apps.edges).toEqual([]);
  });
});
