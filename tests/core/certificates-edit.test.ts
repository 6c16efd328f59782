import type { Actor, AuditAction } from '@repo/core';
import { describeDatabases, insertTestCertificates, insertTestOrganisation } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { storeSnapshot, uploadNew } from '../support/certificate-helpers.ts';
import { ADMIN, useCoreHarness } from '../support/core-harness.ts';

const CONSUMER: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: 'org_x' };

describeDatabases('certificates: rename and organisations', (ctx) => {
  const h = useCoreHarness(ctx);

  async function auditOf(subjectId: string, action: AuditAction) {
    return ctx.db.query.auditEvents.findMany({ where: { subjectId, action }, orderBy: { id: 'asc' } });
  }

  it('renames and clears the name, with before/after in the audit log', async () => {
    const { certificate } = await uploadNew(h, { certificateName: 'old' });
    const renamed = await h.core.certificates.rename(certificate.id, '  new name ', ADMIN);
    expect(renamed).toMatchObject({ ok: true, value: { id: certificate.id, name: 'new name' } });
    expect((await h.core.certificates.rename(certificate.id, null, ADMIN)).ok).toBe(true);
    expect(await h.core.certificates.get(certificate.id)).toMatchObject({ name: null });
    expect(await auditOf(certificate.id, 'certificate.rename')).toMatchObject([
      { before: { name: 'old' }, after: { name: 'new name' } },
      { before: { name: 'new name' }, after: { name: null } },
    ]);
  });

  it('writes nothing for a rename to the same name', async () => {
    const { certificate } = await uploadNew(h, { certificateName: 'same' });
    const before = await storeSnapshot(ctx);
    expect((await h.core.certificates.rename(certificate.id, 'same', ADMIN)).ok).toBe(true);
    expect(await storeSnapshot(ctx)).toEqual(before);
  });

  it('sets, replaces and clears organisations, with before/after in the audit log', async () => {
    const [a, b, c] = [
      await insertTestOrganisation(ctx.db),
      await insertTestOrganisation(ctx.db),
      await insertTestOrganisation(ctx.db),
    ];
    const { certificate } = await uploadNew(h);
    const ids = (orgs: { id: string }[]) => orgs.map((o) => o.id).sort();
    expect(
      (await h.core.certificates.setOrganisations(certificate.id, [a!.id, b!.id, a!.id], ADMIN)).ok,
    ).toBe(true);
    expect(ids((await h.core.certificates.organisationsOf([certificate.id]))[0]!)).toEqual(ids([a!, b!]));
    expect((await h.core.certificates.setOrganisations(certificate.id, [c!.id, b!.id], ADMIN)).ok).toBe(true);
    expect(ids((await h.core.certificates.organisationsOf([certificate.id]))[0]!)).toEqual(ids([b!, c!]));
    expect((await h.core.certificates.setOrganisations(certificate.id, [], ADMIN)).ok).toBe(true);
    expect(await h.core.certificates.organisationsOf([certificate.id, 'crt_other'])).toEqual([[], []]);
    expect(await auditOf(certificate.id, 'certificate.set_organisations')).toMatchObject([
      { before: { organisationIds: [] }, after: { organisationIds: ids([a!, b!]) } },
      { before: { organisationIds: ids([a!, b!]) }, after: { organisationIds: ids([b!, c!]) } },
      { before: { organisationIds: ids([b!, c!]) }, after: { organisationIds: [] } },
    ]);
  });

  it('refuses unknown organisations, changing nothing', async () => {
    const org = await insertTestOrganisation(ctx.db);
    const { certificate } = await uploadNew(h, { organisationIds: [org.id] });
    const before = await storeSnapshot(ctx);
    const result = await h.core.certificates.setOrganisations(certificate.id, ['org_nope', org.id], ADMIN);
    expect(!result.ok && result.error).toMatchObject({
      code: 'ORGANISATION_NOT_FOUND',
      context: { ids: ['org_nope'] },
    });
    expect(await storeSnapshot(ctx)).toEqual(before);
  });

  it('refuses soft-deleted certificates and certificates with a private key, changing nothing', async () => {
    const org = await insertTestOrganisation(ctx.db);
    const [deleted, withKey] = await insertTestCertificates(ctx.db, h.provider, [
      { deletedAt: new Date(), name: 'gone' },
      { hasPrivateKey: true, source: 'DASHBOARD' },
    ]);
    const before = await storeSnapshot(ctx);
    for (const [row, code] of [
      [deleted!, 'CERTIFICATE_DELETED'],
      [withKey!, 'CERTIFICATE_HAS_PRIVATE_KEY'],
    ] as const) {
      const renamed = await h.core.certificates.rename(row.id, 'x', ADMIN);
      expect(!renamed.ok && renamed.error.code).toBe(code);
      const linked = await h.core.certificates.setOrganisations(row.id, [org.id], ADMIN);
      expect(!linked.ok && linked.error.code).toBe(code);
    }
    expect(await storeSnapshot(ctx)).toEqual(before);
  });

  it('refuses unknown ids, consumers and invalid names', async () => {
    const { certificate } = await uploadNew(h);
    const before = await storeSnapshot(ctx);
    expect(await h.core.certificates.rename('crt_nope', 'x', ADMIN)).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.core.certificates.rename(certificate.id, 'x', CONSUMER)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.certificates.setOrganisations(certificate.id, [], CONSUMER)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.certificates.rename(certificate.id, 'x'.repeat(201), ADMIN)).toMatchObject({
      error: { code: 'INVALID_INPUT', path: ['name'] },
    });
    expect(await storeSnapshot(ctx)).toEqual(before);
  });
});
