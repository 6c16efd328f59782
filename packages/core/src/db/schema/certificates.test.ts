import { and, eq, inArray, isNull } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  describeDatabases,
  insertTestOrganisation,
  insertTestProvider,
  pgRejection,
  testCertificateRow,
} from '../../testing/index.ts';
import { insertMany, maxRowsPerInsert } from '../insert-many.ts';
import { certificateOrganisations, certificates } from './certificates.ts';

describeDatabases('certificates table', (ctx) => {
  it('allows one row per (provider, Tyk id); the same certificate may sit in two providers', async () => {
    const [alpha, beta] = [await insertTestProvider(ctx.db), await insertTestProvider(ctx.db)];
    const row = testCertificateRow(alpha);
    await ctx.db.insert(certificates).values(row);

    expect(await pgRejection(ctx.db.insert(certificates).values({ ...row, id: undefined }))).toMatchObject({
      code: '23505',
      constraint: 'certificates_provider_id_tyk_id_unique',
    });
    const inBeta = testCertificateRow(beta, { sha256: row.sha256 });
    await ctx.db.insert(certificates).values(inBeta);
    expect(await ctx.db.$count(certificates, eq(certificates.sha256, row.sha256))).toBe(2);
  });

  it('keeps the name and organisations through soft delete and restore', async () => {
    const provider = await insertTestProvider(ctx.db);
    const [acme, globex] = [await insertTestOrganisation(ctx.db), await insertTestOrganisation(ctx.db)];
    const [cert] = await ctx.db
      .insert(certificates)
      .values(testCertificateRow(provider, { name: 'payments client' }))
      .returning();
    await ctx.db.insert(certificateOrganisations).values([
      { certificateId: cert!.id, organisationId: acme.id },
      { certificateId: cert!.id, organisationId: globex.id },
    ]);
    const liveOfAcme = () =>
      ctx.db
        .select({ id: certificates.id })
        .from(certificates)
        .innerJoin(certificateOrganisations, eq(certificateOrganisations.certificateId, certificates.id))
        .where(and(eq(certificateOrganisations.organisationId, acme.id), isNull(certificates.deletedAt)));

    await ctx.db.update(certificates).set({ deletedAt: new Date() }).where(eq(certificates.id, cert!.id));
    expect(await liveOfAcme()).toEqual([]);

    await ctx.db.update(certificates).set({ deletedAt: null }).where(eq(certificates.id, cert!.id));
    const restored = await ctx.db.query.certificates.findFirst({
      where: { id: cert!.id },
      with: { organisations: { columns: { name: true }, orderBy: { name: 'asc' } } },
    });
    expect(restored?.name).toBe('payments client');
    expect(restored?.organisations.map((o) => o.name)).toEqual([acme.name, globex.name].sort());
    expect(await liveOfAcme()).toEqual([{ id: cert!.id }]);
  });

  it('refuses malformed fingerprints, a Tyk id of another hash, and undescribed PORTAL rows', async () => {
    const provider = await insertTestProvider(ctx.db);
    const row = testCertificateRow(provider);
    const insert = (overrides: Partial<typeof row>) =>
      pgRejection(ctx.db.insert(certificates).values({ ...row, ...overrides }));

    expect(await insert({ sha256: row.sha256.toUpperCase() })).toMatchObject({
      constraint: 'certificates_sha256_hex',
    });
    expect(await insert({ tykId: `${provider.orgId}${'0'.repeat(64)}` })).toMatchObject({
      constraint: 'certificates_tyk_id_ends_with_sha256',
    });
    expect(await insert({ serialNumber: null })).toMatchObject({
      code: '23514',
      constraint: 'certificates_portal_rows_fully_described',
    });
  });

  it('stores a DASHBOARD row from the listing alone (cert_basics has no SHA-1, DN or serial)', async () => {
    const provider = await insertTestProvider(ctx.db);
    const { sha1, subjectDn, issuerDn, serialNumber, keyAlgorithm, signatureAlgorithm, ...basics } =
      testCertificateRow(provider);
    const [row] = await ctx.db
      .insert(certificates)
      .values({ ...basics, source: 'DASHBOARD', hasPrivateKey: true, registeredAt: new Date() })
      .returning();
    expect(row).toMatchObject({ sha1: null, serialNumber: null, lintWarnings: [], metadata: {} });
  });

  it('inserts 10,000 rows in a handful of statements', async () => {
    const provider = await insertTestProvider(ctx.db);
    const rows = Array.from({ length: 10_000 }, () => testCertificateRow(provider));
    const { statements } = await ctx.countStatements(() => insertMany(ctx.db, certificates, rows));

    const inserts = statements.filter((s) => s.startsWith('insert into "certificates"'));
    expect(inserts).toHaveLength(Math.ceil(10_000 / maxRowsPerInsert(certificates)));
    expect(inserts.length).toBeLessThanOrEqual(5);
    expect(await ctx.db.$count(certificates)).toBe(10_000);
    const sample = rows.slice(0, 3).map((r) => r.tykId);
    expect(await ctx.db.$count(certificates, inArray(certificates.tykId, sample))).toBe(3);
  });

  it('gives ids that sort by creation time in the database too', async () => {
    const provider = await insertTestProvider(ctx.db);
    const inserted: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [row] = await ctx.db.insert(certificates).values(testCertificateRow(provider)).returning();
      inserted.push(row!.id);
    }
    const ordered = await ctx.db.select({ id: certificates.id }).from(certificates).orderBy(certificates.id);
    expect(ordered.map((r) => r.id)).toEqual(inserted);
  });
});
