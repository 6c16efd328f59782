import type { SyncProgress } from '@repo/core';
import { describeDatabases } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import { seedDashboardCertificates } from '../support/seed-certificates.ts';

// A sync never soft-deletes a certificate that is still in the Dashboard (issue 14): the listing
// is paged by offset, so what a listing misses is confirmed gone one by one before it is removed,
// and a listing that changed shape while it was read is not applied at all.
describeDatabases('sync never soft-deletes a live certificate', (ctx) => {
  const h = useCoreHarness(ctx); // pages of 10

  const liveTykIds = async () =>
    (await ctx.db.query.certificates.findMany())
      .filter((c) => c.deletedAt === null)
      .map((c) => c.tykId)
      .sort();
  const listedIds = async () => {
    const ids: string[] = [];
    for (let p = 1; ; p++) {
      const page = await (await h.dashboard('GET', `/api/certs?p=${p}&mode=detailed`)).json();
      ids.push(...(page.cert_basics ?? []).map((c: { id: string }) => c.id));
      if (p >= page.pages) return ids;
    }
  };

  it('a certificate deleted in the Dashboard while page 2 is read: only it is soft-deleted', async () => {
    await seedDashboardCertificates(h, 25);
    must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN));
    const [first, ...rest] = await listedIds();
    // Page 2 is answered a second late; page 1's first certificate is deleted before it is. The
    // offsets shift: what was the first of page 2 is now the last of page 1, and no page lists it.
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs/details',
      kind: 'latency',
      ms: 1000,
      skip: 1,
      times: 1,
    });
    const deleted = new Promise<void>((resolve, reject) => {
      const stop = h.core.sync.events.subscribe((e: SyncProgress) => {
        if (e.phase !== 'FETCHING' || e.pagesFetched !== 1) return;
        stop();
        h.dashboard('DELETE', `/api/certs/${first}`).then(
          (r) => (r.ok ? resolve() : reject(new Error(`${r.status}`))),
          reject,
        );
      });
    });
    const launched = must(await h.core.sync.launch(h.provider.id, 'MANUAL', ADMIN));
    await deleted;
    const run = await launched.completion;
    // Page 1 was read before the delete, so the deleted one was listed; the shifted one was missed
    // but is confirmed present: zero false soft-deletes.
    expect(run).toMatchObject({ status: 'SUCCEEDED', softDeleted: 0, added: 0 });
    expect(await liveTykIds()).toEqual([first!, ...rest].sort());
    // The next run finds the deleted one missing, confirms it gone, and soft-deletes only it.
    expect(must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN))).toMatchObject({ softDeleted: 1 });
    expect(await liveTykIds()).toEqual([...rest].sort());
  });

  it.each([
    ['no certificates and another page count', 2, /page 2 says 2 pages, page 1 said 3/],
    ['a short page before the last', 3, /page 2 of 3 holds 0 certificates, page 1 held 10/],
  ])('page 2 answering 200 with %s fails the run; nothing changes', async (_, pages, why) => {
    await seedDashboardCertificates(h, 25);
    must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN));
    const before = await liveTykIds();
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs/details',
      kind: 'status',
      status: 200,
      body: { certificates: [], pages },
      skip: 1,
      times: 1,
    });
    const run = must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN));
    expect(run).toMatchObject({ status: 'FAILED', softDeleted: 0 });
    expect(run.error).toMatch(/listing changed while it was read/);
    expect(run.error).toMatch(why);
    expect(await liveTykIds()).toEqual(before);
  });

  it('confirms only what is missing: a no-change re-sync asks nothing more, a failed confirmation changes nothing', async () => {
    await seedDashboardCertificates(h, 12);
    must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN));
    // Every single-certificate read fails: a re-sync with nothing missing does not make one.
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: `/api/certs/${ORG_ID}*`,
      kind: 'status',
      status: 500,
    });
    expect(must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN))).toMatchObject({
      status: 'SUCCEEDED',
      unchanged: 12,
    });
    const [gone] = await listedIds();
    await h.dashboard('DELETE', `/api/certs/${gone}`);
    const failed = must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN));
    expect(failed).toMatchObject({ status: 'FAILED', softDeleted: 0 });
    expect(await liveTykIds()).toHaveLength(12);
    await h.control('DELETE', '/_mock/faults');
    expect(must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN))).toMatchObject({
      status: 'SUCCEEDED',
      softDeleted: 1,
    });
  });
});

function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw result.error;
  return result.value;
}
