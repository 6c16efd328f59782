import { systemActor } from '@repo/core';
import { describeDatabases, insertTestOrganisation, insertTestSyncRuns } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { gid } from './support/certificates.ts';
import { type Caller, errorCodes, type Json, useServerHarness } from './support/harness.ts';

const RUNS = `query($first: Int, $after: String, $filter: SyncRunFilter) {
  syncRuns(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { status startedAt } }
  }
}`;
const ORGANISATIONS = `query($first: Int, $after: String, $search: String) {
  organisations(first: $first, after: $after, filter: { search: $search }) {
    pageInfo { hasNextPage endCursor } nodes { name }
  }
}`;
const USERS = `query($first: Int, $after: String, $organisation: ID) {
  users(first: $first, after: $after, filter: { organisation: $organisation }) {
    pageInfo { hasNextPage endCursor } nodes { name }
  }
}`;

// The keyset listings through GraphQL: forward pages by cursor, each caller's scope, refusals.
describeDatabases('list pages', (ctx) => {
  const h = useServerHarness(ctx);

  /** Every page of `field` from the start, `first` at a time: the names (or statuses) seen per page. */
  async function walk(caller: Caller, query: string, field: string, vars: Record<string, unknown>) {
    const pages: Json[][] = [];
    let after: string | null = null;
    for (let n = 0; n < 50; n++) {
      const result = await h.gql(caller, query, { ...vars, after });
      expect(result.errors).toBeUndefined();
      const page = result.data[field];
      pages.push(page.nodes ?? page.edges.map((e: Json) => e.node));
      if (!page.pageInfo.hasNextPage) return pages;
      after = page.pageInfo.endCursor;
    }
    throw new Error('The listing never ended.');
  }

  it('syncRuns pages newest first, filtered by provider and status', async () => {
    const start = Date.parse('2031-01-01T00:00:00Z');
    await insertTestSyncRuns(
      ctx.db,
      h.provider.id,
      Array.from({ length: 7 }, (_, i) => ({
        startedAt: new Date(start + i * 60_000),
        status: i % 3 === 0 ? ('FAILED' as const) : ('SUCCEEDED' as const),
      })),
    );
    const pages = await walk('admin', RUNS, 'syncRuns', { first: 3 });
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const starts = pages.flat().map((r) => r.startedAt);
    expect(starts).toEqual([...starts].sort().reverse());
    const filter = { provider: gid('Provider', h.provider.id), status: ['FAILED'] };
    const failed = await walk('admin', RUNS, 'syncRuns', { first: 2, filter });
    expect(failed.flat().map((r) => r.startedAt)).toEqual([
      '2031-01-01T00:06:00.000Z',
      '2031-01-01T00:03:00.000Z',
      '2031-01-01T00:00:00.000Z',
    ]);
    const second = await h.gql('admin', RUNS, {
      first: 1,
      after: (await h.gql('admin', RUNS, { first: 1 })).data.syncRuns.pageInfo.endCursor,
    });
    expect(second.data.syncRuns.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(second.data.syncRuns.pageInfo.startCursor).toBe(second.data.syncRuns.edges[0].cursor);
  });

  it('organisations and users: consumers page through their own organisation only', async () => {
    for (const name of ['Org C', 'Org D', 'Org E']) await insertTestOrganisation(ctx.db, name);
    const names = (pages: Json[][]) => pages.map((p) => p.map((n: Json) => n.name));
    expect(names(await walk('admin', ORGANISATIONS, 'organisations', { first: 2, search: 'org' }))).toEqual([
      ['Org A', 'Org B'],
      ['Org C', 'Org D'],
      ['Org E'],
    ]);
    expect(names(await walk('consumerB', ORGANISATIONS, 'organisations', { first: 1 }))).toEqual([['Org B']]);
    const actor = systemActor('test');
    await h.core.users.create({ role: 'CONSUMER', name: 'another of B', organisationId: h.orgB.id }, actor);
    expect(names(await walk('consumerB', USERS, 'users', { first: 1 }))).toEqual([
      ['another of B'],
      [`consumer of ${h.orgB.id}`],
    ]);
    const foreign = { first: 5, organisation: gid('Organisation', h.orgA.id) };
    expect(names(await walk('consumerB', USERS, 'users', foreign))).toEqual([[]]);
    expect(names(await walk('admin', USERS, 'users', { first: 2 })).flat()).toHaveLength(4);
  });

  it('pages backwards where the listing declares last and before (plans)', async () => {
    for (const name of ['Bronze', 'Gold', 'Silver']) {
      const created = await h.gql(
        'admin',
        `mutation { planCreate(input: { name: "${name}", rate: 1, per: 1 }) { userErrors { code } } }`,
      );
      expect(created.data.planCreate.userErrors).toEqual([]);
    }
    const last = await h.gql(
      'admin',
      '{ plans(last: 2) { pageInfo { hasPreviousPage startCursor } nodes { name } } }',
    );
    expect(last.data.plans.nodes.map((p: Json) => p.name)).toEqual(['Gold', 'Silver']);
    expect(last.data.plans.pageInfo.hasPreviousPage).toBe(true);
    const before = await h.gql(
      'admin',
      'query($c: String) { plans(last: 2, before: $c) { nodes { name } } }',
      {
        c: last.data.plans.pageInfo.startCursor,
      },
    );
    expect(before.data.plans.nodes.map((p: Json) => p.name)).toEqual(['Bronze']);
  });

  it("refuses another listing's cursor, garbage and backward paging", async () => {
    const orgCursor = (await h.gql('admin', ORGANISATIONS, { first: 1 })).data.organisations.pageInfo
      .endCursor;
    expect(errorCodes(await h.gql('admin', USERS, { after: orgCursor }))).toEqual(['INVALID_INPUT']);
    expect(errorCodes(await h.gql('admin', RUNS, { after: 'garbage' }))).toEqual(['INVALID_INPUT']);
    // A forward-only listing does not declare `last`/`before`: asking is a validation error.
    for (const listing of ['providers', 'organisations', 'users', 'syncRuns', 'auditEvents']) {
      for (const arg of ['last: 1', 'before: "x"']) {
        const result = await h.gql('admin', `{ ${listing}(${arg}) { nodes { id } } }`);
        expect(result.errors?.[0]?.message).toMatch(/Unknown argument/);
      }
    }
    expect(errorCodes(await h.gql('admin', '{ organisations(first: 101) { nodes { name } } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await h.gql('consumerA', '{ syncRuns { nodes { id } } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('anonymous', '{ users { nodes { id } } }'))).toEqual(['UNAUTHENTICATED']);
  });
});
