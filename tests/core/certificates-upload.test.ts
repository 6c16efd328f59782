import { describeDatabases, insertTestOrganisation, makeCertificate, pemBundle } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import {
  auditActions,
  mockCertificates,
  uploadNew,
  uploadToDashboard,
} from '../support/certificate-helpers.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';

describeDatabases('certificates: upload', (ctx) => {
  const h = useCoreHarness(ctx);

  it('registers the leaf alone and stores the record with its PEM', async () => {
    const org = await insertTestOrganisation(ctx.db);
    const ca = await makeCertificate({ ca: true, name: 'CN=Upload CA' });
    const leaf = await makeCertificate({ issuer: ca, name: 'CN=upload leaf', san: { dns: ['leaf.test'] } });
    const uploaded = await h.core.certificates.upload(
      {
        providerId: h.provider.id,
        name: ' Payments client ',
        pem: pemBundle(leaf, ca),
        organisationIds: [org.id],
      },
      ADMIN,
    );
    if (!uploaded.ok) throw uploaded.error;
    const sha256 = sha256Hex(leaf.der);
    expect(uploaded.value).toMatchObject({
      outcome: 'CREATED',
      alreadyInDashboard: false,
      certificate: { tykId: ORG_ID + sha256, name: 'Payments client', source: 'PORTAL', status: 'VALID' },
    });
    const row = await ctx.db.query.certificates.findFirst({ with: { organisations: true } });
    expect(row).toMatchObject({
      id: uploaded.value.certificate.id,
      sha256,
      subjectCn: 'upload leaf',
      issuerCn: 'Upload CA',
      subjectAltNames: ['dns:leaf.test'],
      registeredAt: expect.any(Date),
      deletedAt: null,
      hasPrivateKey: false,
    });
    expect(row!.organisations.map((o) => o.id)).toEqual([org.id]);
    // The leaf alone is kept, as registered: what the request check verifies a listed CA's leaves with.
    expect(row!.pem?.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    expect(row!.metadata).toMatchObject({ chain: [{ subjectDn: 'CN=Upload CA' }] });
    // The chain stays out of the Dashboard, so Tyk's fingerprint is the leaf's and exact matching works.
    const [stored] = await mockCertificates(h);
    expect(stored).toMatchObject({ id: ORG_ID + sha256, fingerprint: sha256 });
    expect(stored!.pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    const audit = await ctx.db.query.auditEvents.findMany({ where: { subjectId: row!.id } });
    expect(audit).toMatchObject([
      {
        action: 'certificate.upload',
        before: null,
        after: { organisationIds: [org.id], outcome: 'CREATED' },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain('BEGIN');
  });

  it('stores lint warnings', async () => {
    const { certificate } = await uploadNew(h, { eku: ['serverAuth'], key: 'rsa-1024' });
    expect(certificate.lintWarnings.map((w) => w.code).sort()).toEqual([
      'NO_CLIENT_AUTH_EKU',
      'WEAK_RSA_KEY',
    ]);
  });

  it('takes "already exists" in the Dashboard as success', async () => {
    const cert = await makeCertificate({ name: 'CN=already there' });
    expect((await uploadToDashboard(h, cert.pem)).status).toBe(200);
    const uploaded = await h.core.certificates.upload({ providerId: h.provider.id, pem: cert.pem }, ADMIN);
    expect(uploaded).toMatchObject({ ok: true, value: { outcome: 'CREATED', alreadyInDashboard: true } });
    expect(await mockCertificates(h)).toHaveLength(1);
  });

  it('refreshes the live row on a second upload, keeping what was not given', async () => {
    const org = await insertTestOrganisation(ctx.db);
    const { cert, certificate } = await uploadNew(h, { certificateName: 'first', organisationIds: [org.id] });
    const again = await h.core.certificates.upload({ providerId: h.provider.id, pem: cert.pem }, ADMIN);
    expect(again).toMatchObject({
      ok: true,
      value: {
        outcome: 'UPDATED',
        alreadyInDashboard: true,
        certificate: { id: certificate.id, name: 'first' },
      },
    });
    const renamed = await h.core.certificates.upload(
      { providerId: h.provider.id, pem: cert.pem, name: 'second', organisationIds: [] },
      ADMIN,
    );
    expect(renamed.ok && renamed.value.certificate).toMatchObject({ id: certificate.id, name: 'second' });
    expect(await ctx.db.query.certificates.findMany()).toHaveLength(1);
    expect(await h.core.certificates.organisationsOf([certificate.id])).toEqual([[]]);
  });

  it('restores a soft-deleted certificate with its id, name and organisations', async () => {
    const org = await insertTestOrganisation(ctx.db);
    const { cert, certificate } = await uploadNew(h, { certificateName: 'kept', organisationIds: [org.id] });
    expect((await h.core.certificates.delete(certificate.id, {}, ADMIN)).ok).toBe(true);
    expect(await mockCertificates(h)).toEqual([]);

    const back = await h.core.certificates.upload({ providerId: h.provider.id, pem: cert.pem }, ADMIN);
    expect(back).toMatchObject({
      ok: true,
      value: { outcome: 'RESTORED', certificate: { id: certificate.id, name: 'kept', deletedAt: null } },
    });
    expect(await h.core.certificates.organisationsOf([certificate.id])).toEqual([
      [{ id: org.id, name: org.name }],
    ]);
    expect(await mockCertificates(h)).toHaveLength(1);
    expect(await auditActions(ctx, certificate.id)).toEqual([
      'certificate.upload',
      'certificate.delete',
      'certificate.upload',
    ]);
  });

  it('fills in a row that sync found, keeping its source', async () => {
    const cert = await makeCertificate({ name: 'CN=found by sync' });
    await h.control('POST', '/_mock/seed', { certificates: [{ orgId: ORG_ID, pem: cert.pem }] });
    await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN);
    const found = await ctx.db.query.certificates.findFirst();
    expect(found).toMatchObject({ source: 'DASHBOARD', sha1: null });
    const uploaded = await h.core.certificates.upload(
      { providerId: h.provider.id, pem: cert.pem, name: 'n' },
      ADMIN,
    );
    expect(uploaded.ok && uploaded.value).toMatchObject({
      outcome: 'UPDATED',
      certificate: {
        id: found!.id,
        source: 'DASHBOARD',
        name: 'n',
        sha1: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
    });
  });
});
