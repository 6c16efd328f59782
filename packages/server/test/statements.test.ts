import { systemActor } from '@repo/core';
import { describeDatabases, insertTestCertificates } from '@repo/core/testing';
import { beforeEach, expect, it } from 'vitest';
import { useServerHarness } from './support/harness.ts';

const PAGE = `query($first: Int!) {
  certificates(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name status notAfter fingerprints { sha256 } subjectDn lintWarnings { code } provider { name } organisations { id name } } }
  }
}`;

// A page costs a fixed number of statements whatever its size: authentication, the page (with its
// count and organisations), the providers, and the full records behind the detail fields asked for
// (for a consumer, with the organisation check of the certificate loader).
describeDatabases('SQL statements per page', (ctx) => {
  const h = useServerHarness(ctx);

  beforeEach(async () => {
    const rows = await insertTestCertificates(
      ctx.db,
      h.provider,
      Array.from({ length: 120 }, (_, i) => ({ name: `certificate ${String(i).padStart(3, '0')}` })),
    );
    const actor = systemActor('test');
    for (const row of rows) await h.core.certificates.setOrganisations(row.id, [h.orgA.id, h.orgB.id], actor);
  });

  for (const caller of ['admin', 'consumerA'] as const) {
    it(`certificates(first: 10) and (first: 100) with organisations issue the same statements (${caller})`, async () => {
      const counted = async (first: number) => {
        const { result, statements } = await ctx.countStatements(() => h.gql(caller, PAGE, { first }));
        expect(result.errors).toBeUndefined();
        expect(result.data.certificates.edges).toHaveLength(first);
        return statements;
      };
      const ten = await counted(10);
      const hundred = await counted(100);
      console.log(
        `[${ctx.dialect}] ${caller}: first 10 → ${ten.length} statements, first 100 → ${hundred.length}`,
      );
      expect(hundred.length).toBe(ten.length);
      expect(ten.length).toBeLessThanOrEqual(4);
    });
  }
});
