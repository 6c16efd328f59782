import { inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { createCore } from '../core.ts';
import { ACCESS_REQUEST_STATUSES, accessRequests } from '../db/schema/access-requests.ts';
import { encodeKeysetCursor } from '../keyset-page.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { insertTestAccessRequests, onePendingPerAppAndProduct } from '../testing/access-request-fixtures.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestAccessChain } from '../testing/fixtures.ts';
import { walkPages } from '../testing/walk-pages.ts';
import type { AccessRequest } from './access-request.ts';
import type { AccessRequestFilter } from './access-request-list.ts';

const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_admin' };
const START = Date.parse('2031-01-01T00:00:00Z');
const minute = (n: number) => new Date(START + n * 60_000);

describeDatabases('access request listing', (ctx) => {
  const core = () => createCore({ db: ctx.db, secrets: new SecretBox(SecretBox.generateKey()) });

  /**
   * 560 requests of organisation A's app (more than the 500 the listing once read) and 60 of B's,
   * on both products, every status; three at each minute, so ties on `createdAt` cross pages.
   */
  async function seed() {
    const [a, b] = [await insertTestAccessChain(ctx.db), await insertTestAccessChain(ctx.db)];
    // The chains' own requests carry the database clock; this listing is of the bulk rows only.
    await ctx.db
      .delete(accessRequests)
      .where(inArray(accessRequests.id, [a.accessRequest.id, b.accessRequest.id]));
    const statusOf = onePendingPerAppAndProduct();
    const rows = await insertTestAccessRequests(
      ctx.db,
      Array.from({ length: 620 }, (_, i) => {
        const pair = { appId: (i < 560 ? a : b).app.id, productId: (i % 2 === 0 ? a : b).product.id };
        const status = statusOf(pair, ACCESS_REQUEST_STATUSES[i % ACCESS_REQUEST_STATUSES.length]!);
        return { ...pair, planId: a.plan.id, createdAt: minute(Math.floor(i / 3)), status };
      }),
    );
    const consumerOf = (chain: typeof a): Actor => ({
      kind: 'CONSUMER',
      userId: chain.consumer.id,
      organisationId: chain.organisation.id,
    });
    return { a, b, rows, consumerA: consumerOf(a), consumerB: consumerOf(b) };
  }

  /** Newest first, then the greater id: the order every walk must reproduce. */
  const newestFirst = (rows: readonly AccessRequest[]) =>
    [...rows]
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : 1))
      .map((r) => r.id);

  const walk = (filter: AccessRequestFilter, first: number, actor: Actor = ADMIN) =>
    walkPages((after) => core().accessRequests.list(filter, { first, after }, actor));

  it('reaches every one of 620 requests once, newest first, 100 a page', async () => {
    const { rows } = await seed();
    const pages = await walk({}, 100);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 100, 100, 100, 100, 20]);
    const walked = pages.flat().map((r) => r.id);
    expect(new Set(walked).size).toBe(620);
    expect(walked).toEqual(newestFirst(rows));
    // The default page is 50.
    const page = await core().accessRequests.list({}, {}, ADMIN);
    expect(page.ok && page.value.nodes.map((r) => r.id)).toEqual(walked.slice(0, 50));
  });

  it('combines organisation, app, product, status and a created range in SQL', async () => {
    const { a, b, rows } = await seed();
    const filter = {
      appId: a.app.id,
      productId: b.product.id,
      status: ['FAILED', 'PENDING', 'REVOKED'] as const,
      createdFrom: minute(20),
      createdTo: minute(150),
    };
    const expected = rows.filter(
      (r) =>
        r.appId === a.app.id &&
        r.productId === b.product.id &&
        filter.status.some((s) => s === r.status) &&
        r.createdAt >= minute(20) &&
        r.createdAt < minute(150),
    );
    expect(expected.length).toBeGreaterThan(50);
    const pages = await walk({ ...filter, status: [...filter.status] }, 7);
    expect(pages.flat().map((r) => r.id)).toEqual(newestFirst(expected));

    const ofB = await walk({ organisationId: b.organisation.id, status: 'APPROVED' }, 100);
    expect(ofB.flat().map((r) => r.id)).toEqual(
      newestFirst(rows.filter((r) => r.appId === b.app.id && r.status === 'APPROVED')),
    );
    // `createdFrom` is inclusive and `createdTo` exclusive, so consecutive ranges meet exactly.
    const at = await walk({ createdFrom: minute(10), createdTo: minute(11) }, 100);
    expect(at.flat().map((r) => r.createdAt)).toEqual([minute(10), minute(10), minute(10)]);
    const none = await core().accessRequests.list({ status: [] }, {}, ADMIN);
    expect(none.ok && none.value.nodes).toEqual([]);
  });

  it("a consumer pages through its own organisation's requests only", async () => {
    const { a, b, rows, consumerA, consumerB } = await seed();
    const ownOfA = await walk({}, 100, consumerA);
    expect(ownOfA.flat().map((r) => r.id)).toEqual(newestFirst(rows.filter((r) => r.appId === a.app.id)));
    const ownOfB = await walk({}, 100, consumerB);
    expect(ownOfB.flat().map((r) => r.id)).toEqual(newestFirst(rows.filter((r) => r.appId === b.app.id)));
    // Naming another organisation, or its app, narrows to nothing rather than widening.
    expect(await walk({ organisationId: b.organisation.id }, 100, consumerA)).toEqual([[]]);
    expect(await walk({ appId: b.app.id }, 100, consumerA)).toEqual([[]]);
  });

  it('resumes at the microsecond the cursor carries, in one statement a page of any size', async () => {
    const { a } = await seed();
    // The newest two requests in one millisecond, the later one with the smaller id: a Date cannot
    // tell them apart, the database's clock (which stamps submitted requests) can.
    const [later, earlier] = await insertTestAccessRequests(ctx.db, [
      {
        appId: a.app.id,
        productId: a.product.id,
        planId: a.plan.id,
        createdAt: minute(999),
        status: 'APPROVED',
      },
      {
        appId: a.app.id,
        productId: a.product.id,
        planId: a.plan.id,
        createdAt: minute(999),
        status: 'APPROVED',
      },
    ]);
    await ctx.db.execute(
      sql`UPDATE access_requests SET created_at = created_at + interval '2 microseconds' WHERE id = ${later!.id}`,
    );
    const one = await core().accessRequests.list({}, { first: 1 }, ADMIN);
    if (!one.ok) throw one.error;
    const next = await core().accessRequests.list(
      {},
      { first: 1, after: one.value.pageInfo.endCursor! },
      ADMIN,
    );
    expect([...one.value.nodes, ...(next.ok ? next.value.nodes : [])].map((r) => r.id)).toEqual([
      later!.id,
      earlier!.id,
    ]);

    const filter = {
      organisationId: a.organisation.id,
      status: ['PENDING' as const, 'FAILED' as const, 'REJECTED' as const],
    };
    for (const first of [1, 100]) {
      const { result, statements } = await ctx.countStatements(() =>
        core().accessRequests.list(filter, { first }, ADMIN),
      );
      expect(result.ok && result.value.nodes).toHaveLength(first);
      expect(statements).toHaveLength(1);
    }
  });

  it('refuses bad pages, ranges and foreign cursors without reading anything', async () => {
    const { rows } = await seed();
    const refusals: [AccessRequestFilter, { first?: number; after?: string }, string][] = [
      [{}, { first: 0 }, 'first'],
      [{}, { first: 101 }, 'first'],
      [{ createdFrom: minute(5), createdTo: minute(4) }, {}, 'createdTo'],
      [{}, { after: 'garbage' }, 'after'],
      [
        {},
        { after: encodeKeysetCursor('syncRuns', { key: '2031-01-01T00:00:00.000000Z', id: 'x' }) },
        'after',
      ],
      [{}, { after: encodeKeysetCursor('accessRequests', { key: 'yesterday', id: rows[0]!.id }) }, 'after'],
    ];
    for (const [filter, page, path] of refusals) {
      const { result, statements } = await ctx.countStatements(() =>
        core().accessRequests.list(filter, page, ADMIN),
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: [path] } });
      expect(statements).toEqual([]);
    }
  });
});
