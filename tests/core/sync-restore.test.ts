import { describeDatabases, insertTestOrganisation } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import { ADMIN, useCoreHarness } from '../support/core-harness.ts';
import { seedDashboardCertificates } from '../support/seed-certificates.ts';

describeDatabases('sync restores', (ctx) => {
  const h = useCoreHarness(ctx);

  const liveRows = async () =>
    (await ctx.db.query.certificates.findMany({ orderBy: { tykId: 'asc' } })).filter(
      (c) => c.deletedAt === null,
    );

  it('soft-deletes a certificate removed in the Dashboard and restores it, name and organisations kept', async () => {
    const [cert] = await seedDashboardCertificates(h, 3);
    await h.core.sync.run(h.provider.id, 'SCHEDULE');
    const row = (await liveRows()).find((r) => r.sha256 === sha256Hex(cert!.der))!;
    const org = await insertTestOrganisation(ctx.db, 'Acme');
    expect((await h.core.certificates.rename(row.id, 'payments client', ADMIN)).ok).toBe(true);
    expect((await h.core.certificates.setOrganisations(row.id, [org.id], ADMIN)).ok).toBe(true);

    expect((await h.dashboard('DELETE', `/api/certs/${row.tykId}`)).status).toBe(200);
    expect(await h.core.sync.run(h.provider.id, 'SCHEDULE')).toMatchObject({
      value: { softDeleted: 1, unchanged: 2 },
    });
    const deleted = await ctx.db.query.certificates.findFirst({
      where: { id: row.id },
      with: { organisations: true },
    });
    expect(deleted).toMatchObject({ name: 'payments client', deletedAt: expect.any(Date) });

    const form = new FormData();
    form.set('cert', new Blob([cert!.pem]), 'cert.pem');
    expect((await h.dashboard('POST', '/api/certs', form)).status).toBe(200);
    expect(await h.core.sync.run(h.provider.id, 'SCHEDULE')).toMatchObject({
      value: { restored: 1, added: 0, unchanged: 2 },
    });
    const restored = await ctx.db.query.certificates.findFirst({
      where: { id: row.id },
      with: { organisations: true },
    });
    expect(restored).toMatchObject({ id: row.id, name: 'payments client', deletedAt: null });
    expect(restored!.organisations.map((o) => o.id)).toEqual([org.id]);
    const actions = (await ctx.db.query.auditEvents.findMany({ where: { subjectId: row.id } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['certificate.discover', 'certificate.soft_delete', 'certificate.restore']),
    );
  });
});
