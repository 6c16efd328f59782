import { createCore, openDatabase, type SyncProgress } from '@repo/core';
import { describeDatabases } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import { seedDashboardCertificates } from '../support/seed-certificates.ts';

describeDatabases('sync', (ctx) => {
  const h = useCoreHarness(ctx);

  const liveRows = async () =>
    (await ctx.db.query.certificates.findMany({ orderBy: { tykId: 'asc' } })).filter(
      (c) => c.deletedAt === null,
    );

  it('adds every certificate of every page, as source DASHBOARD, with progress events', async () => {
    const certs = await seedDashboardCertificates(h, 25); // 3 pages of 10
    const events: SyncProgress[] = [];
    h.core.sync.events.subscribe((e) => events.push(e));
    const result = await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN);
    expect(result).toMatchObject({
      ok: true,
      value: { status: 'SUCCEEDED', added: 25, restored: 0, softDeleted: 0, unchanged: 0 },
    });
    const rows = await liveRows();
    expect(rows).toHaveLength(25);
    const one = rows.find((r) => r.sha256 === sha256Hex(certs[7]!.der))!;
    expect(one).toMatchObject({
      source: 'DASHBOARD',
      tykId: ORG_ID + one.sha256,
      subjectCn: 'synced 7',
      // From /api/certs/details: the DNs; the Dashboard's API has no serial, SHA-1 or key algorithm.
      subjectDn: 'CN=synced 7',
      issuerDn: 'CN=synced 7',
      serialNumber: null,
      sha1: null,
      subjectAltNames: ['dns:synced-7.test'],
    });
    expect(events.filter((e) => e.phase === 'FETCHING').map((e) => e.pagesFetched)).toEqual([1, 2, 3]);
    expect(events.at(-1)).toMatchObject({ phase: 'DONE', status: 'SUCCEEDED', counts: { added: 25 } });
  });

  it('lists with mode=detailed where /api/certs/details answers 404 (older Dashboards): no DNs', async () => {
    await seedDashboardCertificates(h, 3);
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs/details',
      kind: 'status',
      status: 404,
    });
    expect(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN)).toMatchObject({
      ok: true,
      value: { status: 'SUCCEEDED', added: 3 },
    });
    expect((await liveRows()).map((r) => [r.subjectCn?.startsWith('synced'), r.subjectDn])).toEqual([
      [true, null],
      [true, null],
      [true, null],
    ]);
  });

  it('writes no certificate or audit row when nothing changed', async () => {
    await seedDashboardCertificates(h, 12);
    await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN);
    const { result, statements } = await ctx.countStatements(() =>
      h.core.sync.run(h.provider.id, 'MANUAL', ADMIN),
    );
    expect(result).toMatchObject({ ok: true, value: { status: 'SUCCEEDED', added: 0, unchanged: 12 } });
    const writes = statements.filter((s) =>
      /^\s*(insert into|update|delete from)\s+"?(certificates|audit_events|certificate_organisations)/i.test(
        s,
      ),
    );
    expect(writes).toEqual([]);
  });

  it.each([
    ['an error status on page 3 of 5', { kind: 'status', status: 500, skip: 2 }],
    ['a truncated page 3', { kind: 'truncate', skip: 2 }],
    ['a malformed page 3', { kind: 'malformed', skip: 2 }],
    ['a dropped connection on page 3', { kind: 'drop', skip: 2 }],
    [
      'a page 3 of the wrong shape',
      { kind: 'status', status: 200, body: { certificates: [{ id: 42 }], pages: 5 }, skip: 2 },
    ],
  ])('changes nothing when the Dashboard gives %s', async (_, fault) => {
    await seedDashboardCertificates(h, 30);
    await h.core.sync.run(h.provider.id, 'SCHEDULE'); // 30 known
    const gone = (await liveRows()).slice(0, 5);
    for (const row of gone) await h.dashboard('DELETE', `/api/certs/${row.tykId}`);
    await seedDashboardCertificates(h, 15, 'new'); // 40 listed now: 4 pages; page 3 fails
    await h.control('POST', '/_mock/faults', { method: 'GET', path: '/api/certs/details', ...fault });
    const before = await ctx.db.query.certificates.findMany({ orderBy: { id: 'asc' } });
    const result = await h.core.sync.run(h.provider.id, 'SCHEDULE');
    expect(result).toMatchObject({ ok: true, value: { status: 'FAILED', error: expect.any(String) } });
    expect(await ctx.db.query.certificates.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('applies two overlapping syncs of one provider once', async () => {
    await seedDashboardCertificates(h, 15);
    // Slow pages keep the first run fetching while the second one starts.
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs/details',
      kind: 'latency',
      ms: 150,
    });
    const results = await Promise.all([
      h.core.sync.run(h.provider.id, 'MANUAL', ADMIN),
      h.core.sync.run(h.provider.id, 'SCHEDULE'),
    ]);
    expect(results.map((r) => (r.ok ? r.value.status : r.error.code)).sort()).toEqual([
      'SUCCEEDED',
      'SYNC_ALREADY_RUNNING',
    ]);
    expect(await liveRows()).toHaveLength(15);
  });

  it('applies once when two core instances on one PostgreSQL sync at the same time', async (test) => {
    if (!ctx.url) return test.skip(); // one PGlite belongs to one process: the case above covers it
    const second = await openDatabase({ url: ctx.url, max: 2 });
    try {
      await seedDashboardCertificates(h, 15);
      await h.control('POST', '/_mock/faults', {
        method: 'GET',
        path: '/api/certs/details',
        kind: 'latency',
        ms: 150,
      });
      const other = createCore({ db: second.db, secrets: h.secrets });
      const results = await Promise.all([
        h.core.sync.run(h.provider.id, 'MANUAL'),
        other.sync.run(h.provider.id, 'MANUAL'),
      ]);
      expect(results.map((r) => (r.ok ? r.value.status : r.error.code)).sort()).toEqual([
        'SUCCEEDED',
        'SYNC_ALREADY_RUNNING',
      ]);
      expect(await liveRows()).toHaveLength(15);
    } finally {
      await second.close();
    }
  });

  it('replaces a run that stopped making progress, and the old run never applies', async () => {
    await seedDashboardCertificates(h, 3);
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs/details',
      kind: 'latency',
      ms: 600,
      times: 1,
    });
    const stuck = await h.core.sync.launch(h.provider.id, 'SCHEDULE');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const impatient = createCore({ db: ctx.db, secrets: h.secrets, sync: { staleAfterMs: 50 } });
    expect(await impatient.sync.run(h.provider.id, 'MANUAL')).toMatchObject({
      ok: true,
      value: { status: 'SUCCEEDED', added: 3 },
    });
    const old = stuck.ok ? await stuck.value.completion : undefined;
    expect(old).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^Abandoned/) });
    expect(await liveRows()).toHaveLength(3);
  });

  it('holds a run that would soft-delete most of the store, until confirmed', async () => {
    await seedDashboardCertificates(h, 20);
    await h.core.sync.run(h.provider.id, 'SCHEDULE');
    for (const row of (await liveRows()).slice(0, 12)) await h.dashboard('DELETE', `/api/certs/${row.tykId}`);
    const doomed = (await liveRows()).slice(0, 12).map((r) => r.id);
    const held = await h.core.sync.run(h.provider.id, 'SCHEDULE');
    expect(held).toMatchObject({ ok: true, value: { status: 'HELD', softDeleted: 12 } });
    expect(await liveRows()).toHaveLength(20);

    // What confirming would soft-delete, page by page, before anything is.
    const runId = held.ok ? held.value.id : '';
    const listed: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await h.core.sync.heldDeletions(runId, { first: 5, after }, ADMIN);
      if (!page.ok) throw page.error;
      expect(page.value.totalCount).toBe(12);
      listed.push(...page.value.nodes.map((c) => c.id));
      if (!page.value.pageInfo.hasNextPage) break;
      after = page.value.pageInfo.endCursor!;
    }
    expect(listed).toEqual([...doomed].sort());
    const consumer = { kind: 'CONSUMER', userId: 'usr_c', organisationId: 'org_c' } as const;
    expect(await h.core.sync.heldDeletions(runId, { first: 5 }, consumer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.sync.heldDeletions('syn_missing', { first: 5 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const confirmed = await h.core.sync.confirm(runId, ADMIN);
    expect(confirmed).toMatchObject({ ok: true, value: { status: 'SUCCEEDED', softDeleted: 12 } });
    expect(await liveRows()).toHaveLength(8);
    // A run that is no longer held holds nothing.
    expect(await h.core.sync.heldDeletions(runId, { first: 5 }, ADMIN)).toMatchObject({
      ok: true,
      value: { totalCount: 0, nodes: [] },
    });
  });

  it('a held run holds only deletions: new certificates arrive meanwhile, and later runs merge into it', async () => {
    const certs = await seedDashboardCertificates(h, 20);
    await h.core.sync.run(h.provider.id, 'SCHEDULE');
    const tykId = (i: number) => ORG_ID + sha256Hex(certs[i]!.der);
    for (let i = 0; i < 12; i++) await h.dashboard('DELETE', `/api/certs/${tykId(i)}`);
    await seedDashboardCertificates(h, 2, 'arrived');
    const held = await h.core.sync.run(h.provider.id, 'SCHEDULE');
    expect(held).toMatchObject({ ok: true, value: { status: 'HELD', added: 2, softDeleted: 12 } });
    expect(await liveRows()).toHaveLength(22); // the two new ones are in; no deletion applied
    // Meanwhile one more is deleted, one of the held ones comes back, and one more is new.
    await h.dashboard('DELETE', `/api/certs/${tykId(12)}`);
    await h.control('POST', '/_mock/seed', { certificates: [{ orgId: ORG_ID, pem: certs[0]!.pem }] });
    await seedDashboardCertificates(h, 1, 'later');
    const later = await h.core.sync.run(h.provider.id, 'SCHEDULE');
    expect(later).toMatchObject({ ok: true, value: { status: 'SUCCEEDED', added: 1, softDeleted: 0 } });
    const runId = held.ok ? held.value.id : '';
    expect(await h.core.sync.get(runId)).toMatchObject({ status: 'HELD', softDeleted: 12 }); // 1-11 and 12
    const confirmed = await h.core.sync.confirm(runId, ADMIN);
    expect(confirmed).toMatchObject({ ok: true, value: { status: 'SUCCEEDED', softDeleted: 12 } });
    const live = (await liveRows()).map((r) => r.tykId);
    expect(live).toHaveLength(20 + 2 + 1 - 12);
    expect(live).toContain(tykId(0));
    expect(live).not.toContain(tykId(12));
  });

  it('discards a held run without changing anything', async () => {
    await seedDashboardCertificates(h, 20);
    await h.core.sync.run(h.provider.id, 'SCHEDULE');
    for (const row of (await liveRows()).slice(0, 15)) await h.dashboard('DELETE', `/api/certs/${row.tykId}`);
    const held = await h.core.sync.run(h.provider.id, 'SCHEDULE');
    const runId = held.ok ? held.value.id : '';
    expect(await h.core.sync.discard(runId, ADMIN)).toMatchObject({
      ok: true,
      value: { status: 'DISCARDED' },
    });
    expect(await liveRows()).toHaveLength(20);
    const again = await h.core.sync.confirm(runId, ADMIN);
    expect(!again.ok && again.error.code).toBe('SYNC_NOT_HELD');
  });
});
