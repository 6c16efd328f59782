import { systemActor } from '@repo/core';
import {
  describeDatabases,
  insertTestCertificates,
  insertTestOrganisation,
  insertTestProvider,
  insertTestRotations,
  insertTestSyncRuns,
  insertTestWebhookEvents,
} from '@repo/core/testing';
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
// count and organisations), the providers (an admin's only: a consumer sees none), and the full
// records behind the detail fields asked for (for a consumer, scoped to its organisation in the
// same statement).
const BUDGET = { admin: 4, consumerA: 3 } as const;

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

  for (const caller of Object.keys(BUDGET) as (keyof typeof BUDGET)[]) {
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
      expect(ten.length).toBeLessThanOrEqual(BUDGET[caller]);
    });
  }
});

const LISTS = {
  syncRuns:
    'syncRuns(first: $first) { pageInfo { hasNextPage endCursor } edges { cursor node { id status startedAt provider { name } } } }',
  providers: 'providers(first: $first) { pageInfo { hasNextPage endCursor } nodes { id name } }',
  organisations: 'organisations(first: $first) { pageInfo { hasNextPage endCursor } nodes { id name } }',
  users:
    'users(first: $first) { pageInfo { hasNextPage endCursor } nodes { id name organisation { name } } }',
  expiringCertificates:
    'expiringCertificates(withinDays: 30, first: $first) { pageInfo { hasNextPage endCursor } nodes { daysLeft liveKeys certificate { name } } }',
  certificateRotations:
    'certificateRotations(first: $first) { pageInfo { hasNextPage endCursor } nodes { id status from { name } to { name } } }',
  webhookDeliveries:
    'webhookDeliveries(first: $first) { pageInfo { hasNextPage endCursor } nodes { id type status attempts data } }',
} as const;

// The other keyset listings: authentication, the page, and one batched load of what the rows
// refer to (a run's provider, a user's organisation, a rotation's certificates), whatever the page
// size.
describeDatabases('SQL statements per page of the other listings', (ctx) => {
  const h = useServerHarness(ctx);

  async function seed(list: keyof typeof LISTS): Promise<void> {
    const actor = systemActor('test');
    const numbered = (i: number) => String(i).padStart(3, '0');
    if (list === 'syncRuns') {
      const start = Date.parse('2031-01-01T00:00:00Z');
      const runs = Array.from({ length: 120 }, (_, i) => ({ startedAt: new Date(start + i * 60_000) }));
      await insertTestSyncRuns(ctx.db, h.provider.id, runs);
    }
    if (list === 'expiringCertificates' || list === 'certificateRotations') {
      const DAY = 86_400_000;
      const certificates = await insertTestCertificates(
        ctx.db,
        h.provider,
        Array.from({ length: 240 }, (_, i) => ({
          name: `certificate ${numbered(i)}`,
          notBefore: new Date(Date.now() - DAY),
          notAfter: new Date(Date.now() + (1 + (i % 20)) * DAY),
        })),
      );
      if (list === 'certificateRotations')
        await insertTestRotations(
          ctx.db,
          Array.from({ length: 120 }, (_, i) => ({
            fromCertificateId: certificates[2 * i]!.id,
            toCertificateId: certificates[2 * i + 1]!.id,
          })),
        );
    }
    if (list === 'webhookDeliveries') await insertTestWebhookEvents(ctx.db, 120);
    for (let i = 0; i < 120; i++) {
      if (list === 'providers') await insertTestProvider(ctx.db, { name: `provider ${numbered(i)}` });
      if (list === 'organisations') await insertTestOrganisation(ctx.db, `organisation ${numbered(i)}`);
      if (list === 'users') {
        const organisationId = i % 2 === 0 ? h.orgA.id : h.orgB.id;
        await h.core.users.create({ role: 'CONSUMER', name: `user ${numbered(i)}`, organisationId }, actor);
      }
    }
  }

  for (const list of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    it(`${list}(first: 10) and (first: 100) issue the same statements`, async () => {
      await seed(list);
      const counted = async (first: number) => {
        const query = `query($first: Int!) { ${LISTS[list]} }`;
        const { result, statements } = await ctx.countStatements(() => h.gql('admin', query, { first }));
        expect(result.errors).toBeUndefined();
        const page = result.data[list];
        expect((page.edges ?? page.nodes).length).toBe(first);
        expect(page.pageInfo.hasNextPage).toBe(true);
        return statements;
      };
      const ten = await counted(10);
      const hundred = await counted(100);
      expect(hundred.length).toBe(ten.length);
      expect(ten.length).toBeLessThanOrEqual(3);
    });
  }
});
