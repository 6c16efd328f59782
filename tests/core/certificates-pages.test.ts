import type { CertificateFilter, CertificateSort } from '@repo/core';
import { describeDatabases, insertTestCertificates, insertTestOrganisation } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { ADMIN, useCoreHarness } from '../support/core-harness.ts';

const DAY = 86_400_000;
const START = Date.parse('2031-01-01T00:00:00Z');

describeDatabases('certificates: pages', (ctx) => {
  const h = useCoreHarness(ctx);

  /** 23 rows with ties on expiry and on name, some unnamed (they sort by CN), one deleted. */
  async function seedRows() {
    return insertTestCertificates(
      ctx.db,
      h.provider,
      Array.from({ length: 24 }, (_, i) => ({
        name: i % 5 === 0 ? null : `client ${String(i % 7).padStart(2, '0')}`,
        subjectCn: `cn-${String(i).padStart(2, '0')}.example.com`,
        notAfter: new Date(START + (i % 4) * DAY),
        deletedAt: i === 23 ? new Date(START) : null,
      })),
    );
  }

  async function walk(sort: CertificateSort, first: number, filter: CertificateFilter = {}) {
    const ids: string[] = [];
    const totals: (number | undefined)[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await h.core.certificates.list(
        filter,
        { first, after, sort, withTotalCount: true },
        ADMIN,
      );
      if (!page.ok) throw page.error;
      ids.push(...page.value.nodes.map((n) => n.id));
      totals.push(page.value.totalCount);
      expect(page.value.edges.map((e) => e.node)).toEqual(page.value.nodes);
      if (!page.value.pageInfo.hasNextPage) return { ids, totals, endCursor: page.value.pageInfo.endCursor };
      after = page.value.pageInfo.endCursor!;
    }
    throw new Error('The listing never ended.');
  }

  it.each(['EXPIRY', 'NAME'] as const)(
    'walks every page sorted by %s without duplicates or gaps',
    async (sort) => {
      await seedRows();
      const whole = await h.core.certificates.list({}, { first: 100, sort }, ADMIN);
      if (!whole.ok) throw whole.error;
      expect(whole.value.nodes).toHaveLength(23);
      const walked = await walk(sort, 5);
      expect(walked.ids).toEqual(whole.value.nodes.map((n) => n.id));
      expect(new Set(walked.ids).size).toBe(23);
      expect(walked.totals).toEqual([23, 23, 23, 23, 23]);
      if (sort === 'EXPIRY') {
        const keys = whole.value.nodes.map((n) => n.notAfter.getTime());
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
      }
    },
  );

  it('keeps walking from a cursor whose row was deleted meanwhile', async () => {
    await seedRows();
    const first = await h.core.certificates.list({}, { first: 4 }, ADMIN);
    if (!first.ok) throw first.error;
    const last = first.value.nodes.at(-1)!;
    await h.core.certificates.delete(last.id, { force: true }, ADMIN);
    const next = await h.core.certificates.list(
      {},
      { first: 100, after: first.value.pageInfo.endCursor! },
      ADMIN,
    );
    expect(next.ok && next.value.nodes).toHaveLength(19);
  });

  it('counts every match, also on an empty page after the last one', async () => {
    await seedRows();
    const { endCursor } = await walk('EXPIRY', 10);
    const beyond = await h.core.certificates.list({}, { after: endCursor!, withTotalCount: true }, ADMIN);
    expect(beyond).toMatchObject({
      ok: true,
      value: { nodes: [], totalCount: 23, pageInfo: { hasNextPage: false, endCursor: null } },
    });
    const none = await h.core.certificates.list(
      { search: 'nothing like this' },
      { withTotalCount: true },
      ADMIN,
    );
    expect(none).toMatchObject({ ok: true, value: { nodes: [], totalCount: 0 } });
    const plain = await h.core.certificates.list({}, { first: 1 }, ADMIN);
    expect(plain.ok && plain.value.totalCount).toBeUndefined();
  });

  it('reads a page in one SQL statement, and the organisations of a page in one more', async () => {
    const rows = await seedRows();
    const org = await insertTestOrganisation(ctx.db);
    for (const row of rows.slice(0, 3)) await h.core.certificates.setOrganisations(row.id, [org.id], ADMIN);
    for (const page of [
      { first: 10 },
      { first: 10, withTotalCount: true },
      { first: 3, sort: 'NAME' as const },
    ]) {
      const { result, statements } = await ctx.countStatements(() =>
        h.core.certificates.list(
          { search: 'client', status: ['VALID', 'EXPIRING_SOON'], organisationId: org.id },
          page,
          ADMIN,
        ),
      );
      expect(result.ok).toBe(true);
      expect(statements).toHaveLength(1);
    }
    const ids = rows.map((r) => r.id);
    const loaded = await ctx.countStatements(() => h.core.certificates.organisationsOf(ids));
    expect(loaded.statements).toHaveLength(1);
    expect(loaded.result.filter((orgs) => orgs.length === 1)).toHaveLength(3);
    const byIds = await ctx.countStatements(() => h.core.certificates.byIds(ids, ADMIN));
    expect(byIds.statements).toHaveLength(1);
    expect(byIds.result.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('refuses a foreign cursor, a cursor of another sort and an oversized page', async () => {
    await seedRows();
    const first = await h.core.certificates.list({}, { first: 2, sort: 'NAME' }, ADMIN);
    const cursor = first.ok ? first.value.pageInfo.endCursor! : '';
    for (const page of [{ after: cursor }, { after: 'bm9wZQ' }, { first: 101 }, { first: 0 }]) {
      const result = await h.core.certificates.list({}, page, ADMIN);
      expect(!result.ok && result.error.code, JSON.stringify(page)).toBe('INVALID_INPUT');
    }
  });
});
