import { and, arrayContains, asc, eq, isNull, like, lt, type SQL, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeDatabases, insertTestProvider, testCertificateRow } from '../../testing/index.ts';
import { insertMany } from '../insert-many.ts';
import { certificates } from './certificates.ts';

const lowerCn = sql`lower(${certificates.subjectCn})`;
const lowerName = sql`lower(${certificates.name})`;
const DAY = 86_400_000;

// One shared data set, analysed once: the planner only picks an index when statistics say it pays.
describeDatabases(
  'certificate search uses the indexes',
  (ctx) => {
    let target: ReturnType<typeof testCertificateRow>;

    beforeAll(async () => {
      const provider = await insertTestProvider(ctx.db);
      const start = Date.parse('2026-01-01T00:00:00Z');
      const rows = Array.from({ length: 5_000 }, (_, i) =>
        testCertificateRow(provider, {
          name: `client ${i.toString().padStart(5, '0')}`,
          notAfter: new Date(start + (30 + (i % 700)) * DAY),
          deletedAt: i % 10 === 0 ? new Date(start) : null,
        }),
      );
      await insertMany(ctx.db, certificates, rows);
      await ctx.db.execute(sql`ANALYZE certificates`);
      target = rows[4_321]!;
    });

    async function planOf(where: SQL | undefined, orderAndLimit = false): Promise<string> {
      const base = ctx.db.select({ id: certificates.id }).from(certificates).where(where);
      const query = orderAndLimit
        ? base.orderBy(asc(certificates.notAfter), asc(certificates.id)).limit(50)
        : base;
      const rows = await ctx.db.execute<Record<string, string>>(sql`EXPLAIN ${query}`, 'objects');
      return rows.map((row) => Object.values(row)[0]).join('\n');
    }

    it('finds a certificate by SHA-256 or SHA-1 through their indexes', async () => {
      expect(await planOf(eq(certificates.sha256, target.sha256))).toContain('certificates_sha256_idx');
      expect(await planOf(eq(certificates.sha1, target.sha1!))).toContain('certificates_sha1_idx');
      const [found] = await ctx.db
        .select({ tykId: certificates.tykId })
        .from(certificates)
        .where(eq(certificates.sha256, target.sha256));
      expect(found?.tykId).toBe(target.tykId);
    });

    it('matches a CN or a name exactly or by prefix, ignoring case, through an index', async () => {
      const cn = target.subjectCn!.toUpperCase();
      expect(await planOf(eq(lowerCn, cn.toLowerCase()))).toContain('certificates_subject_cn_search_idx');
      expect(await planOf(like(lowerCn, `${cn.slice(0, 12).toLowerCase()}%`))).toContain(
        'certificates_subject_cn_search_idx',
      );
      expect(await planOf(like(lowerName, 'client 0432%'))).toContain('certificates_name_search_idx');
      const byPrefix = await ctx.db
        .select({ name: certificates.name })
        .from(certificates)
        .where(like(lowerName, 'client 0432%'));
      expect(byPrefix).toHaveLength(10);
    });

    it('lists live certificates by expiry from the partial index', async () => {
      const soon = new Date(Date.parse('2026-01-01T00:00:00Z') + 40 * DAY);
      const where = and(isNull(certificates.deletedAt), lt(certificates.notAfter, soon));
      expect(await planOf(where, true)).toContain('certificates_live_not_after_idx');
    });

    it('finds certificates by an exact SAN through the GIN index', async () => {
      const san = target.subjectAltNames![0]!;
      expect(await planOf(arrayContains(certificates.subjectAltNames, [san]))).toContain(
        'certificates_subject_alt_names_idx',
      );
    });
  },
  { resetBeforeEach: false },
);
