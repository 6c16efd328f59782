import type { Actor } from '@repo/core';
import { describeDatabases, insertTestAccessChain, insertTestCredential } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { mockCertificates, storeSnapshot, uploadNew } from '../support/certificate-helpers.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';

const CONSUMER: Actor = { kind: 'CONSUMER', userId: 'usr_dev', organisationId: 'org_x' };

function classicApi(apiId: string, name: string, allowList: string[]) {
  return {
    api_definition: {
      api_id: apiId,
      org_id: ORG_ID,
      name,
      use_mutual_tls_auth: true,
      client_certificates: allowList,
      proxy: { listen_path: `/${apiId}/` },
    },
  };
}

function oasApi(apiId: string, name: string, allowList: string[]) {
  return {
    oas: {
      openapi: '3.0.3',
      info: { title: name, version: '1' },
      paths: {},
      'x-tyk-api-gateway': {
        info: { id: apiId, orgId: ORG_ID, name, state: { active: true } },
        upstream: { url: 'http://upstream.test' },
        server: {
          listenPath: { value: `/${apiId}/` },
          clientCertificates: { enabled: true, allowlist: allowList },
        },
      },
    },
  };
}

describeDatabases('certificates: delete and usage', (ctx) => {
  const h = useCoreHarness(ctx);

  it('deletes an unused certificate from the Dashboard, then soft-deletes it here', async () => {
    const { certificate } = await uploadNew(h, { certificateName: 'bye' });
    const deleted = await h.core.certificates.delete(certificate.id, {}, ADMIN);
    expect(deleted).toMatchObject({
      ok: true,
      value: { id: certificate.id, name: 'bye', deletedAt: expect.any(Date) },
    });
    expect(await mockCertificates(h)).toEqual([]);
    const audit = await ctx.db.query.auditEvents.findFirst({ where: { action: 'certificate.delete' } });
    expect(audit).toMatchObject({
      subjectId: certificate.id,
      before: { deletedAt: null, name: 'bye' },
      after: { deletedAt: expect.any(String), forced: false, brokeUsage: null },
    });
    const again = await h.core.certificates.delete(certificate.id, {}, ADMIN);
    expect(!again.ok && again.error.code).toBe('CERTIFICATE_DELETED');
  });

  it('takes a 404 from the Dashboard as already deleted', async () => {
    const { certificate } = await uploadNew(h);
    expect((await h.dashboard('DELETE', `/api/certs/${certificate.tykId}`)).status).toBe(200);
    expect(await h.core.certificates.delete(certificate.id, {}, ADMIN)).toMatchObject({ ok: true });
    expect((await h.core.certificates.get(certificate.id))?.deletedAt).toBeInstanceOf(Date);
  });

  it('refuses while an allow list holds it, listing the API, and changes nothing', async () => {
    const { certificate } = await uploadNew(h);
    await h.control('POST', '/_mock/seed', {
      apis: [classicApi('payments', 'Payments API', [certificate.tykId])],
    });
    const before = await storeSnapshot(ctx);
    const result = await h.core.certificates.delete(certificate.id, {}, ADMIN);
    expect(!result.ok && result.error).toMatchObject({
      code: 'CERTIFICATE_IN_USE',
      apis: [{ apiId: 'payments', name: 'Payments API', usageTypes: ['client'] }],
      credentials: [],
    });
    expect(!result.ok && result.error.message).toContain('Payments API (payments)');
    expect(await storeSnapshot(ctx)).toEqual(before);
    expect(await mockCertificates(h)).toHaveLength(1);
  });

  it('refuses while a credential is bound to it, listing the credential', async () => {
    const { certificate } = await uploadNew(h);
    const chain = await insertTestAccessChain(ctx.db);
    const credential = await insertTestCredential(ctx.db, chain.accessRequest.id, certificate.id);
    const before = await storeSnapshot(ctx);
    const result = await h.core.certificates.delete(certificate.id, {}, ADMIN);
    expect(!result.ok && result.error).toMatchObject({
      code: 'CERTIFICATE_IN_USE',
      apis: [],
      credentials: [
        {
          credentialId: credential.id,
          accessRequestId: chain.accessRequest.id,
          appName: 'mobile',
          organisationId: chain.organisation.id,
          productName: 'payments',
          boundToToken: false,
        },
      ],
    });
    expect(await storeSnapshot(ctx)).toEqual(before);
  });

  it('deletes with force anyway and records what it broke', async () => {
    const { certificate } = await uploadNew(h);
    await h.control('POST', '/_mock/seed', {
      apis: [classicApi('payments', 'Payments API', [certificate.tykId])],
    });
    expect(await h.core.certificates.delete(certificate.id, { force: true }, ADMIN)).toMatchObject({
      ok: true,
    });
    expect(await mockCertificates(h)).toEqual([]);
    const audit = await ctx.db.query.auditEvents.findFirst({ where: { action: 'certificate.delete' } });
    expect(audit?.after).toMatchObject({
      forced: true,
      brokeUsage: { apis: [{ apiId: 'payments' }], credentials: [] },
    });
  });

  it('changes nothing when the Dashboard fails the usage check or the delete', async () => {
    const { certificate } = await uploadNew(h);
    const before = await storeSnapshot(ctx);
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs/*/apis',
      kind: 'status',
      status: 500,
    });
    const usageDown = await h.core.certificates.delete(certificate.id, {}, ADMIN);
    expect(!usageDown.ok && usageDown.error.code).toBe('DASHBOARD_FAILED');
    await h.control('DELETE', '/_mock/faults');
    await h.control('POST', '/_mock/faults', {
      method: 'DELETE',
      path: '/api/certs/*',
      kind: 'status',
      status: 500,
    });
    const deleteDown = await h.core.certificates.delete(certificate.id, {}, ADMIN);
    expect(!deleteDown.ok && deleteDown.error).toMatchObject({
      name: 'DashboardError',
      code: 'DASHBOARD_FAILED',
    });
    expect(await storeSnapshot(ctx)).toEqual(before);
    expect(await mockCertificates(h)).toHaveLength(1);
  });

  it('refuses consumers and unknown ids', async () => {
    const { certificate } = await uploadNew(h);
    expect(await h.core.certificates.delete(certificate.id, {}, CONSUMER)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.certificates.delete('crt_nope', {}, ADMIN)).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await mockCertificates(h)).toHaveLength(1);
  });

  it('reports usage from every page of /api/certs/{id}/apis, and bound credentials', async () => {
    const { certificate } = await uploadNew(h);
    const id = certificate.tykId;
    const classic = Array.from({ length: 11 }, (_, i) => classicApi(`classic${i}`, `Classic ${i}`, [id]));
    await h.control('POST', '/_mock/seed', {
      apis: [...classic, oasApi('ledger', 'Ledger API', [id]), classicApi('other', 'Other', [])],
    });
    const chain = await insertTestAccessChain(ctx.db);
    await insertTestCredential(ctx.db, chain.accessRequest.id, certificate.id);
    const usage = await h.core.certificates.usage(certificate.id, ADMIN);
    if (!usage.ok) throw usage.error;
    expect(usage.value.apisFrom).toBe('CERTIFICATE_APIS');
    expect(usage.value.apis.map((a) => a.apiId).sort()).toEqual(
      [...classic.map((a) => a.api_definition.api_id), 'ledger'].sort(),
    );
    expect(usage.value.credentials).toHaveLength(1);
  });

  it('falls back to the API definitions when /api/certs/{id}/apis answers 404', async () => {
    const { certificate } = await uploadNew(h);
    const id = certificate.tykId;
    await h.control('POST', '/_mock/seed', {
      apis: [
        classicApi('payments', 'Payments API', [id]),
        oasApi('ledger', 'Ledger API', [id]),
        classicApi('x', 'X', []),
      ],
    });
    await h.control('POST', '/_mock/faults', {
      method: 'GET',
      path: '/api/certs/*/apis',
      kind: 'status',
      status: 404,
    });
    const usage = await h.core.certificates.usage(certificate.id, ADMIN);
    expect(usage.ok && usage.value).toMatchObject({ apisFrom: 'API_DEFINITIONS', credentials: [] });
    expect(usage.ok && usage.value.apis.map((a) => a.name).sort()).toEqual(['Ledger API', 'Payments API']);
    expect(await h.core.certificates.usage('crt_nope', ADMIN)).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it("shows a consumer every API but only its organisation's credentials, and only of its certificates", async () => {
    const [a, b] = [await insertTestAccessChain(ctx.db), await insertTestAccessChain(ctx.db)];
    const { certificate } = await uploadNew(h, { organisationIds: [a.organisation.id] });
    await h.control('POST', '/_mock/seed', {
      apis: [classicApi('payments', 'Payments API', [certificate.tykId])],
    });
    await insertTestCredential(ctx.db, a.accessRequest.id, certificate.id);
    await insertTestCredential(ctx.db, b.accessRequest.id, certificate.id);
    const consumerOf = (organisationId: string): Actor => ({
      kind: 'CONSUMER',
      userId: 'usr_dev',
      organisationId,
    });
    const seen = async (actor: Actor) => {
      const usage = await h.core.certificates.usage(certificate.id, actor);
      if (!usage.ok) return usage.error.code;
      return {
        apis: usage.value.apis.map((api) => api.name),
        orgs: usage.value.credentials.map((c) => c.organisationId).sort(),
      };
    };
    expect(await seen(ADMIN)).toEqual({
      apis: ['Payments API'],
      orgs: [a.organisation.id, b.organisation.id].sort(),
    });
    expect(await seen(consumerOf(a.organisation.id))).toEqual({
      apis: ['Payments API'],
      orgs: [a.organisation.id],
    });
    // B has a credential with it, but the certificate is not associated with B.
    expect(await seen(consumerOf(b.organisation.id))).toBe('NOT_FOUND');
  });
});
