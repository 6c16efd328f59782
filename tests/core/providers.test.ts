import { describeDatabases } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { ADMIN, DASHBOARD_KEY, ORG_ID, useCoreHarness } from '../support/core-harness.ts';

describeDatabases('providers', (ctx) => {
  const h = useCoreHarness(ctx);

  it('stores the API key sealed and never hands it out', async () => {
    const provider = await h.core.providers.get(h.provider.id);
    expect(provider).toMatchObject({ name: 'mock', orgId: ORG_ID, dashboardUrl: h.mock.dashboardUrl });
    expect(JSON.stringify(provider)).not.toContain(DASHBOARD_KEY);
    const rows = await ctx.db.query.providers.findMany();
    expect(rows[0]!.apiKeyCiphertext).not.toContain(DASHBOARD_KEY);
    expect(JSON.stringify(await ctx.db.query.auditEvents.findMany())).not.toContain(DASHBOARD_KEY);
  });

  it('tests the connection against the Dashboard', async () => {
    const check = await h.core.providers.testConnection(h.provider.id);
    expect(check).toMatchObject({ ok: true, value: { ok: true, certificatePages: 0 } });
  });

  it('reports a wrong API key as DASHBOARD_UNAUTHORISED without retrying it', async () => {
    await h.core.providers.update(h.provider.id, { apiKey: 'wrong' }, ADMIN);
    const check = await h.core.providers.testConnection(h.provider.id);
    expect(!check.ok && check.error).toMatchObject({
      code: 'DASHBOARD_UNAUTHORISED',
      retryable: false,
      status: 401,
    });
  });

  it('reports a Dashboard that is down as DASHBOARD_UNREACHABLE', async () => {
    await h.core.providers.update(h.provider.id, { dashboardUrl: 'http://127.0.0.1:9' }, ADMIN);
    const check = await h.core.providers.testConnection(h.provider.id);
    expect(!check.ok && check.error).toMatchObject({ code: 'DASHBOARD_UNREACHABLE', retryable: true });
  });

  it('reports a slow Dashboard as DASHBOARD_TIMEOUT after its retries', async () => {
    await h.core.providers.update(h.provider.id, { requestTimeoutMs: 200 }, ADMIN);
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs',
      kind: 'latency',
      ms: 1000,
    });
    const check = await h.core.providers.testConnection(h.provider.id);
    expect(!check.ok && check.error).toMatchObject({ code: 'DASHBOARD_TIMEOUT' });
  });

  it('retries a read through transient 503s', async () => {
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs',
      kind: 'status',
      status: 503,
      times: 2,
    });
    expect((await h.core.providers.testConnection(h.provider.id)).ok).toBe(true);
  });

  it('reports an answer of the wrong shape as DASHBOARD_BAD_RESPONSE', async () => {
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs',
      kind: 'status',
      status: 200,
      body: { pages: 'many' },
    });
    const check = await h.core.providers.testConnection(h.provider.id);
    expect(!check.ok && check.error).toMatchObject({ code: 'DASHBOARD_BAD_RESPONSE' });
  });

  it('refuses bad input and duplicate names, changing nothing', async () => {
    const bad = await h.core.providers.create(
      { name: 'x', dashboardUrl: 'ftp://nope', orgId: ORG_ID, apiKey: 'k' },
      ADMIN,
    );
    expect(!bad.ok && bad.error).toMatchObject({ code: 'INVALID_INPUT', path: ['dashboardUrl'] });
    const dup = await h.core.providers.create(
      { name: 'mock', dashboardUrl: 'http://a.test', orgId: ORG_ID, apiKey: 'k' },
      ADMIN,
    );
    expect(!dup.ok && dup.error).toMatchObject({ code: 'PROVIDER_NAME_TAKEN' });
    expect(await h.core.providers.all()).toHaveLength(1);
  });

  it('removes an unused provider, with an audit trail', async () => {
    expect((await h.core.providers.remove(h.provider.id, ADMIN)).ok).toBe(true);
    expect(await h.core.providers.all()).toEqual([]);
    const actions = (await ctx.db.query.auditEvents.findMany({ orderBy: { at: 'asc' } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['provider.create', 'provider.remove']);
  });
});
