import { expect, it } from 'vitest';
import { schema } from '../db/relations.ts';
import { accessRequestCertificates } from '../db/schema/access-requests.ts';
import { auditEvents } from '../db/schema/audit-events.ts';
import { certificateOrganisations, certificates } from '../db/schema/certificates.ts';
import { credentials } from '../db/schema/credentials.ts';
import { jobs } from '../db/schema/jobs.ts';
import { syncRuns } from '../db/schema/sync-runs.ts';
import { describeDatabases } from './describe-databases.ts';
import { insertTestAccessChain, testCertificateRow } from './fixtures.ts';

describeDatabases(
  'the database test harness',
  (ctx) => {
    it('names the suite after its driver, so a CI log shows which ran', () => {
      expect(expect.getState().currentTestName).toContain(`[${ctx.dialect}] the database test harness`);
    });

    it('reset() empties every table, whatever references what', async () => {
      const chain = await insertTestAccessChain(ctx.db);
      const [cert] = await ctx.db.insert(certificates).values(testCertificateRow(chain.provider)).returning();
      await ctx.db.insert(certificateOrganisations).values({
        certificateId: cert!.id,
        organisationId: chain.organisation.id,
      });
      await ctx.db.insert(accessRequestCertificates).values({
        accessRequestId: chain.accessRequest.id,
        certificateId: cert!.id,
      });
      await ctx.db.insert(credentials).values({
        accessRequestId: chain.accessRequest.id,
        tokenCiphertext: 'v1:x',
      });
      await ctx.db.insert(syncRuns).values({ providerId: chain.provider.id, trigger: 'MANUAL' });
      await ctx.db
        .insert(auditEvents)
        .values({ actor: 'system:test', action: 'user.create', subjectType: 'user', subjectId: '1' });
      await ctx.db.insert(jobs).values({ kind: 'test' });

      await ctx.reset();
      for (const table of Object.values(schema)) expect(await ctx.db.$count(table)).toBe(0);
    });

    it('counts only the statements sent inside countStatements', async () => {
      await ctx.db.$count(jobs);
      const { result, statements } = await ctx.countStatements(() => ctx.db.$count(jobs));
      expect(result).toBe(0);
      expect(statements).toHaveLength(1);
    });
  },
  { resetBeforeEach: false },
);
