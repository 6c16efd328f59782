import { createCore, openDatabase } from '@repo/core';
import { abandonJob, describeDatabases, dumpDatabase, provisioningWithoutJob } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { ACCESS_SEED, must, selfServeRequest } from '../support/access-fixtures.ts';
import { ADMIN, useCoreHarness } from '../support/core-harness.ts';
import { callGateway } from '../support/gateway-client.ts';

// The provisioning state machine: what the portal stores, and that no request can stick.
describeDatabases('access jobs', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });
  const drain = async (core = h.core) => {
    while ((await core.provisioning.runDue()) > 0);
  };

  it('stores nothing the token can be rebuilt from: no token, key id, or their base64 forms', async () => {
    const { request, consumer, cert } = await selfServeRequest(h);
    // A failed attempt first, so failure reasons and their audit events are scanned too.
    await h.control('POST', '/_mock/faults', {
      method: 'POST',
      path: '/api/keys/*',
      kind: 'status',
      status: 500,
    });
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await drain();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'FAILED' });
    await h.control('DELETE', '/_mock/faults');
    must(await h.core.accessRequests.retry(request.id, h.admin));
    await drain();
    const [credential] = await h.core.accessRequests.credentials([request.id], consumer.actor);
    const token = credential!.token!;
    expect(await callGateway(h.mock, '/payments/a', { cert, token })).toMatchObject({ status: 200 });
    const keyId = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { id: string }).id;
    const forms = {
      token,
      'token, base64': Buffer.from(token).toString('base64'),
      'token, decoded': Buffer.from(token, 'base64').toString('utf8'),
      'key id': keyId,
      'key id, base64': Buffer.from(keyId).toString('base64'),
      'key id, base64url': Buffer.from(keyId).toString('base64url'),
    };
    const dump = await dumpDatabase(ctx.db);
    expect(dump).toContain('credentials'); // the dump holds the credential row (sealed)
    for (const [what, value] of Object.entries(forms)) expect(dump.includes(value), what).toBe(false);
    // What the portal keeps instead is Tyk's key_hash, enough to manage the key.
    expect(credential!.keyHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a PROVISIONING request always has a live job: 16 retry loops on two cores against a failing Dashboard', async () => {
    const { request, consumer, cert } = await selfServeRequest(h);
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/apis/*',
      kind: 'status',
      status: 404,
    });
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await h.core.provisioning.runDue();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'FAILED' });
    const second = ctx.url ? await openDatabase({ url: ctx.url, max: 4 }) : undefined;
    const other = createCore({
      db: second?.db ?? ctx.db,
      secrets: h.secrets,
      dashboard: { retries: 0, backoffMs: 1 },
    });
    const cores = [h.core, other];
    const until = Date.now() + 3_000;
    let retries = 0;
    try {
      await Promise.all(
        Array.from({ length: 16 }, async (_, i) => {
          const core = cores[i % 2]!;
          while (Date.now() < until) {
            if ((await core.accessRequests.retry(request.id, h.admin)).ok) retries++;
            await core.provisioning.runDue();
            expect(await provisioningWithoutJob(ctx.db)).toEqual([]);
          }
        }),
      );
      expect(retries).toBeGreaterThan(0);
      await h.control('DELETE', '/_mock/faults');
      await Promise.all(cores.map((core) => drain(core)));
      expect(await provisioningWithoutJob(ctx.db)).toEqual([]);
      const now = await h.core.accessRequests.get(request.id, ADMIN);
      if (now?.status === 'FAILED') {
        must(await h.core.accessRequests.retry(request.id, h.admin));
        await drain();
      }
      expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'APPROVED' });
      const [credential] = await h.core.accessRequests.credentials([request.id], consumer.actor);
      expect(await callGateway(h.mock, '/payments/a', { cert, token: credential!.token! })).toMatchObject({
        status: 200,
      });
    } finally {
      await second?.close();
    }
  });

  it('a decision queued while the job runs is done after it, never dropped', async () => {
    const { request } = await selfServeRequest(h);
    must(await h.core.accessRequests.approve(request.id, h.admin));
    // The job is claimed (RUNNING); a revocation-worthy event queues the same key meanwhile.
    await abandonJob(ctx.db, `access_request:${request.id}`, 0);
    await h.core.provisioning.enqueue(ctx.db, request.id);
    const [job] = await ctx.db.query.jobs.findMany({ where: { dedupeKey: `access_request:${request.id}` } });
    expect(job).toMatchObject({ status: 'RUNNING', rerun: true });
  });

  it("a dead worker's job is taken over once its lease lapses (30 s), not before", async () => {
    const { request } = await selfServeRequest(h);
    must(await h.core.accessRequests.approve(request.id, h.admin));
    const key = `access_request:${request.id}`;
    await abandonJob(ctx.db, key, 20_000);
    expect(await h.core.provisioning.runDue()).toBe(0); // its lease still holds
    await abandonJob(ctx.db, key, 31_000);
    expect(await h.core.provisioning.runDue()).toBe(1);
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'APPROVED' });
  });
});
