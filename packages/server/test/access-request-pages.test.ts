import type { AccessRequest } from '@repo/core';
import { describeDatabases, insertTestAccessRequests, onePendingPerAppAndProduct } from '@repo/core/testing';
import { beforeEach, expect, it } from 'vitest';
import { type AccessFixtures, accessFixtures } from './support/access.ts';
import { gid } from './support/certificates.ts';
import { type Caller, errorCodes, type Json, useServerHarness } from './support/harness.ts';

const REQUESTS = `query($first: Int, $after: String, $filter: AccessRequestFilter) {
  accessRequests(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id status createdAt app { name organisation { name } } product { name } } }
  }
}`;
const START = Date.parse('2031-01-01T00:00:00Z');
const minute = (n: number) => new Date(START + n * 60_000);
const STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'FAILED', 'REVOKED'] as const;

// `accessRequests` through GraphQL: forward pages by keyset cursor, filters, each caller's scope.
describeDatabases('accessRequests pages', (ctx) => {
  const h = useServerHarness(ctx);
  let f: AccessFixtures;
  let rows: AccessRequest[];

  /** 130 requests of App A and 20 of App B, on both products, two at each minute. */
  beforeEach(async () => {
    f = await accessFixtures(h);
    const statusOf = onePendingPerAppAndProduct();
    rows = await insertTestAccessRequests(
      ctx.db,
      Array.from({ length: 150 }, (_, i) => {
        const pair = {
          appId: (i < 130 ? f.appA : f.appB).id,
          productId: (i % 2 === 0 ? f.managed : f.selfServe).id,
        };
        const status = statusOf(pair, STATUSES[i % STATUSES.length]!);
        return { ...pair, planId: f.plan.id, createdAt: minute(Math.floor(i / 2)), status };
      }),
    );
  });

  /** Global ids, newest first, then the greater id. */
  const newestFirst = (subset: readonly AccessRequest[]) =>
    [...subset]
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : 1))
      .map((r) => gid('AccessRequest', r.id));

  /** Every page from the start, `first` at a time. */
  async function walk(caller: Caller, first: number, filter: Record<string, unknown> = {}) {
    const pages: Json[][] = [];
    let after: string | null = null;
    for (let n = 0; n < 50; n++) {
      const result = await h.gql(caller, REQUESTS, { first, after, filter });
      expect(result.errors).toBeUndefined();
      const page = result.data.accessRequests;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      pages.push(page.edges.map((e: Json) => e.node));
      if (!page.pageInfo.hasNextPage) return pages;
      after = page.pageInfo.endCursor;
    }
    throw new Error('The listing never ended.');
  }
  const ids = (pages: Json[][]) => pages.flat().map((n) => n.id);

  it('pages newest first; a consumer sees its own organisation only', async () => {
    const all = await walk('admin', 50);
    expect(all.map((p) => p.length)).toEqual([50, 50, 50]);
    expect(ids(all)).toEqual(newestFirst(rows));
    expect(ids(await walk('consumerA', 100))).toEqual(newestFirst(rows.filter((r) => r.appId === f.appA.id)));
    const ofB = await walk('consumerB', 50);
    expect(ofB.flat().every((n) => n.app.organisation.name === 'Org B')).toBe(true);
    expect(ofB.flat()).toHaveLength(20);
    // Another organisation's id, or its app, narrows a consumer's listing to nothing.
    expect(await walk('consumerB', 50, { organisation: gid('Organisation', h.orgA.id) })).toEqual([[]]);
    expect(await walk('consumerB', 50, { app: f.ids.appA })).toEqual([[]]);
  });

  it('combines organisation, app, product, statuses and a created range', async () => {
    const filter = {
      organisation: gid('Organisation', h.orgA.id),
      app: f.ids.appA,
      product: f.ids.managed,
      status: ['FAILED', 'PENDING'],
      createdFrom: minute(5).toISOString(),
      createdTo: minute(55).toISOString(),
    };
    const pages = await walk('admin', 3, filter);
    const expected = rows.filter(
      (r) =>
        r.appId === f.appA.id &&
        r.productId === f.managed.id &&
        (r.status === 'FAILED' || r.status === 'PENDING') &&
        r.createdAt >= minute(5) &&
        r.createdAt < minute(55),
    );
    expect(expected.length).toBeGreaterThan(6);
    expect(ids(pages)).toEqual(newestFirst(expected));
    // One status is a list of one.
    const rejected = await h.gql(
      'admin',
      '{ accessRequests(first: 100, filter: { status: REJECTED }) { nodes { status } } }',
    );
    expect(rejected.data.accessRequests.nodes).toHaveLength(
      rows.filter((r) => r.status === 'REJECTED').length,
    );
  });

  it('refuses backward paging, oversized pages, foreign cursors and reversed ranges', async () => {
    const usersCursor = (await h.gql('admin', '{ users(first: 1) { pageInfo { endCursor } } }')).data.users
      .pageInfo.endCursor;
    expect(errorCodes(await h.gql('admin', REQUESTS, { after: usersCursor }))).toEqual(['INVALID_INPUT']);
    expect(errorCodes(await h.gql('admin', REQUESTS, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
    const reversed = { createdFrom: minute(5).toISOString(), createdTo: minute(4).toISOString() };
    expect(errorCodes(await h.gql('admin', REQUESTS, { filter: reversed }))).toEqual(['INVALID_INPUT']);
    for (const arg of ['last: 1', 'before: "x"']) {
      const result = await h.gql('admin', `{ accessRequests(${arg}) { nodes { id } } }`);
      expect(result.errors?.[0]?.message).toMatch(/Unknown argument/);
    }
    expect(errorCodes(await h.gql('anonymous', REQUESTS))).toEqual(['UNAUTHENTICATED']);
  });

  for (const caller of ['admin', 'consumerA'] as const) {
    it(`a page of 10 and a page of 100 issue the same statements (${caller})`, async () => {
      const counted = async (first: number) => {
        const { result, statements } = await ctx.countStatements(() => h.gql(caller, REQUESTS, { first }));
        expect(result.errors).toBeUndefined();
        expect(result.data.accessRequests.edges).toHaveLength(first);
        return statements;
      };
      const ten = await counted(10);
      const hundred = await counted(100);
      expect(hundred.length).toBe(ten.length);
      // Authentication, the page, and one batched load each of apps, their organisations, products
      // and the products' APIs.
      expect(ten.length).toBeLessThanOrEqual(6);
    });
  }
});
