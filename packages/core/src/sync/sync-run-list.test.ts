import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { createCore } from '../core.ts';
import type { SyncRunStatus } from '../db/schema/sync-runs.ts';
import { encodeKeysetCursor } from '../keyset-page.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestProvider } from '../testing/fixtures.ts';
import { walkPages } from '../testing/walk-pages.ts';
import { insertRun } from './sync.repo.ts';
import type { SyncRun } from './sync.service.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };
const CONSUMER: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: 'org_a' };
const START = Date.parse('2031-01-01T00:00:00Z');

describeDatabases('sync run listing', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });

  /** A finished run that started `minutes` after START, plus `micros` microseconds. */
  async function run(
    providerId: string,
    minutes: number,
    status: Exclude<SyncRunStatus, 'RUNNING' | 'HELD'> = 'SUCCEEDED',
    micros = 0,
  ) {
    const startedAt = new Date(START + minutes * 60_000);
    const row = await insertRun(ctx.db, {
      providerId,
      trigger: 'SCHEDULE',
      status,
      startedAt,
      finishedAt: startedAt,
      error: status === 'FAILED' ? 'down' : null,
    });
    if (micros === 0) return row;
    // A Date has milliseconds only; runs stamped by the database's clock carry microseconds.
    await ctx.db.execute(
      sql`UPDATE sync_runs SET started_at = started_at + make_interval(secs => ${micros / 1e6}) WHERE id = ${row.id}`,
    );
    return row;
  }

  /** 14 runs of two providers: ties on `startedAt`, and two a microsecond apart. */
  async function seed() {
    const [p, q] = [await insertTestProvider(ctx.db), await insertTestProvider(ctx.db)];
    const runs: SyncRun[] = [];
    for (let i = 0; i < 10; i++)
      runs.push(await run(p.id, Math.floor(i / 2), i === 3 ? 'FAILED' : 'SUCCEEDED'));
    runs.push(await run(q.id, 7, 'SUCCEEDED', 1), await run(q.id, 7, 'SUCCEEDED', 2));
    runs.push(await run(q.id, 8, 'FAILED'), await run(q.id, 9, 'DISCARDED'));
    return { p, q, runs };
  }

  const ids = (pages: SyncRun[][]) => pages.flat().map((r) => r.id);
  /** The whole listing in one page: the order small pages must add up to. */
  async function whole(): Promise<string[]> {
    const page = await core().sync.list({}, { first: 100 }, ADMIN);
    if (!page.ok) throw page.error;
    return page.value.nodes.map((r) => r.id);
  }

  it('pages newest first (startedAt, then id) to the oldest run, one statement per page', async () => {
    const { runs } = await seed();
    const pages = await walkPages((after) => core().sync.list({}, { first: 3, after }, ADMIN));
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 3, 2]);
    const walked = ids(pages);
    expect(new Set(walked).size).toBe(14);
    expect(walked).toEqual(await whole());
    const starts = pages.flat().map((r) => r.startedAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    // The two runs a microsecond apart, which the page boundary splits: the later first, though
    // their Dates are equal.
    expect(walked.slice(2, 4)).toEqual([runs[11]!.id, runs[10]!.id]);
    const { statements } = await ctx.countStatements(() => core().sync.list({}, { first: 4 }, ADMIN));
    expect(statements).toHaveLength(1);
  });

  it('filters by provider and status in SQL', async () => {
    const { p, q } = await seed();
    const ofQ = await walkPages((after) =>
      core().sync.list({ providerId: q.id }, { first: 3, after }, ADMIN),
    );
    expect(ofQ.flat().map((r) => r.status)).toEqual(['DISCARDED', 'FAILED', 'SUCCEEDED', 'SUCCEEDED']);
    const failed = await walkPages((after) =>
      core().sync.list({ status: ['FAILED', 'DISCARDED'] }, { first: 1, after }, ADMIN),
    );
    expect(failed.flat().map((r) => [r.status, r.providerId])).toEqual([
      ['DISCARDED', q.id],
      ['FAILED', q.id],
      ['FAILED', p.id],
    ]);
    const none = await core().sync.list({ status: [] }, {}, ADMIN);
    expect(none.ok && none.value.nodes).toEqual([]);
  });

  it('resumes after its cursor while the scheduler adds newer runs', async () => {
    const { p } = await seed();
    const before = await whole();
    const first = await core().sync.list({}, { first: 5 }, ADMIN);
    if (!first.ok) throw first.error;
    for (let i = 0; i < 3; i++) await run(p.id, 60 + i);
    const rest = await walkPages((after) =>
      core().sync.list({}, { first: 5, after: after ?? first.value.pageInfo.endCursor! }, ADMIN),
    );
    expect([...ids([first.value.nodes]), ...ids(rest)]).toEqual(before);
    expect(await whole()).toHaveLength(17);
  });

  it('is for admins only, and refuses cursors it did not make without reading anything', async () => {
    const { runs } = await seed();
    expect(await core().sync.list({}, {}, CONSUMER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const foreign = [
      'garbage',
      encodeKeysetCursor('users', { key: '2031-01-01T00:00:00.000000Z', id: runs[0]!.id }),
      encodeKeysetCursor('syncRuns', { key: 'yesterday', id: runs[0]!.id }),
      encodeKeysetCursor('syncRuns', { key: '2031-02-30T00:00:00.000000Z', id: runs[0]!.id }),
    ];
    for (const after of foreign) {
      const { result, statements } = await ctx.countStatements(() => core().sync.list({}, { after }, ADMIN));
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: ['after'] } });
      expect(statements).toEqual([]);
    }
  });
});
