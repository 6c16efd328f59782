import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { gid, uploaded } from './support/certificates.ts';
import { PAYMENTS_API_ID, useServerHarness } from './support/harness.ts';

const DAY = 86_400_000;
const UPLOAD = `mutation($input: CertificateUploadInput!) {
  certificateUpload(input: $input) {
    outcome alreadyInDashboard
    certificate { name status source organisations { name } fingerprints { sha256 } }
    userErrors { __typename code message path }
  }
}`;

describeDatabases('certificate mutations', (ctx) => {
  const h = useServerHarness(ctx);
  const upload = (input: Record<string, unknown>) =>
    h.gql('admin', UPLOAD, { input: { provider: gid('Provider', h.provider.id), ...input } });

  it('certificateUpload stores it with its organisations; the same certificate again is UPDATED', async () => {
    const cert = await makeCertificate({ name: 'CN=uploaded' });
    const organisations = [gid('Organisation', h.orgA.id)];
    const first = await upload({ pem: cert.pem, name: 'first', organisations });
    expect(first.data.certificateUpload).toMatchObject({
      outcome: 'CREATED',
      alreadyInDashboard: false,
      certificate: { name: 'first', status: 'VALID', source: 'PORTAL', organisations: [{ name: 'Org A' }] },
      userErrors: [],
    });
    const again = await upload({ pem: cert.pem });
    expect(again.data.certificateUpload).toMatchObject({
      outcome: 'UPDATED',
      certificate: { name: 'first' },
    });
  });

  it('certificateUpload refusals are userErrors pointing at the input, and store nothing', async () => {
    const expired = await makeCertificate({
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const cases = [
      [`${expired.pem}\n${expired.keyPem}`, 'PEM_PRIVATE_KEY', ['input', 'pem']],
      ['not a certificate', 'PEM_NO_CERTIFICATE', ['input', 'pem']],
      [expired.pem, 'CERTIFICATE_EXPIRED', ['input', 'pem']],
    ] as const;
    for (const [pem, code, path] of cases) {
      const result = await upload({ pem });
      expect(result.data.certificateUpload).toMatchObject({ certificate: null, outcome: null });
      expect(result.data.certificateUpload.userErrors).toMatchObject([
        { __typename: 'GenericUserError', code, path },
      ]);
      expect(result.data.certificateUpload.userErrors[0].message).not.toContain('PRIVATE KEY-----');
    }
    const unknownOrganisation = await upload({
      pem: (await makeCertificate()).pem,
      organisations: [gid('Organisation', 'org_01m8gzzzzzzzzzzzzzzzzzzzzz')],
    });
    expect(unknownOrganisation.data.certificateUpload.userErrors).toMatchObject([
      { code: 'ORGANISATION_NOT_FOUND', path: ['input', 'organisations'] },
    ]);
    // Core's raw ids never reach the client: the message names the organisation by its global id.
    expect(unknownOrganisation.data.certificateUpload.userErrors[0].message).toContain(
      gid('Organisation', 'org_01m8gzzzzzzzzzzzzzzzzzzzzz'),
    );
    const listed = await h.gql('admin', '{ certificates { totalCount } }');
    expect(listed.data.certificates.totalCount).toBe(0);
  });

  it('certificateUpload reports a Dashboard failure as DASHBOARD_*', async () => {
    await h.control('POST', '/_mock/faults', {
      method: 'POST',
      path: '/api/certs',
      kind: 'status',
      status: 401,
    });
    const result = await upload({ pem: (await makeCertificate()).pem });
    expect(result.data.certificateUpload.userErrors).toMatchObject([
      { code: 'DASHBOARD_UNAUTHORISED', path: null },
    ]);
  });

  it('certificateRename sets and clears the name; a blank one is INVALID_INPUT', async () => {
    const { id } = await uploaded(h, { certificateName: 'old' });
    const rename = (name: string | null) =>
      h.gql(
        'admin',
        `mutation($input: CertificateRenameInput!) { certificateRename(input: $input) { certificate { name } userErrors { code path } } }`,
        {
          input: { certificate: id, name },
        },
      );
    expect((await rename('new')).data.certificateRename).toEqual({
      certificate: { name: 'new' },
      userErrors: [],
    });
    expect((await rename(null)).data.certificateRename).toEqual({
      certificate: { name: null },
      userErrors: [],
    });
    expect((await rename('  ')).data.certificateRename).toEqual({
      certificate: null,
      userErrors: [{ code: 'INVALID_INPUT', path: ['input', 'name'] }],
    });
  });

  it('certificateSuspend and certificateResume mark the certificate, with userErrors for each refusal', async () => {
    const { id } = await uploaded(h, { certificateName: 'fleet-1' });
    const fields = '{ certificate { name suspendedAt suspendReason } userErrors { code path } }';
    const suspend = (reason: string) =>
      h.gql(
        'admin',
        `mutation($input: CertificateSuspendInput!) { certificateSuspend(input: $input) ${fields} }`,
        { input: { certificate: id, reason } },
      );
    const resume = (certificate = id) =>
      h.gql(
        'admin',
        `mutation($input: CertificateResumeInput!) { certificateResume(input: $input) ${fields} }`,
        {
          input: { certificate },
        },
      );

    expect((await suspend(' ')).data.certificateSuspend).toEqual({
      certificate: null,
      userErrors: [{ code: 'INVALID_INPUT', path: ['input', 'reason'] }],
    });
    expect((await resume()).data.certificateResume).toEqual({
      certificate: null,
      userErrors: [{ code: 'CERTIFICATE_NOT_SUSPENDED', path: null }],
    });
    expect((await suspend('Key leaked')).data.certificateSuspend).toEqual({
      certificate: { name: 'fleet-1', suspendedAt: expect.any(String), suspendReason: 'Key leaked' },
      userErrors: [],
    });
    expect((await suspend('again')).data.certificateSuspend.userErrors).toEqual([
      { code: 'CERTIFICATE_SUSPENDED', path: null },
    ]);
    // The listing shows it too: one field of the row, no extra statement.
    const listed = await h.gql('admin', '{ certificates { nodes { name suspendedAt } } }');
    expect(listed.data.certificates.nodes).toEqual([{ name: 'fleet-1', suspendedAt: expect.any(String) }]);
    expect((await resume()).data.certificateResume).toEqual({
      certificate: { name: 'fleet-1', suspendedAt: null, suspendReason: null },
      userErrors: [],
    });
    expect((await resume(gid('Certificate', 'crt_unknown'))).data.certificateResume.userErrors).toMatchObject(
      [{ code: 'NOT_FOUND', path: ['input', 'certificate'] }],
    );
  });

  it('certificateSetOrganisations replaces the set; unknown certificates and organisations are named', async () => {
    const { id } = await uploaded(h, { organisationIds: [h.orgA.id] });
    const set = (certificate: string, organisations: string[]) =>
      h.gql(
        'admin',
        `mutation($input: CertificateSetOrganisationsInput!) { certificateSetOrganisations(input: $input) { certificate { organisations { name } } userErrors { code path } } }`,
        {
          input: { certificate, organisations },
        },
      );
    const moved = await set(id, [gid('Organisation', h.orgB.id)]);
    expect(moved.data.certificateSetOrganisations).toMatchObject({
      certificate: { organisations: [{ name: 'Org B' }] },
      userErrors: [],
    });
    const missing = await set(gid('Certificate', 'crt_01m8gzzzzzzzzzzzzzzzzzzzzz'), []);
    expect(missing.data.certificateSetOrganisations.userErrors).toMatchObject([
      { code: 'NOT_FOUND', path: ['input', 'certificate'] },
    ]);
    const wrongType = await set(gid('Organisation', h.orgA.id), []);
    expect(wrongType.errors?.[0]?.message).toMatch(/Certificate/);
  });

  it('certificateDelete refuses a certificate in use with what uses it, then deletes with force', async () => {
    const { id, certificate } = await uploaded(h);
    const definition = await h.dashboard('GET', `/api/apis/${PAYMENTS_API_ID}`);
    definition.api_definition.client_certificates = [certificate.tykId];
    await h.dashboard('PUT', `/api/apis/${PAYMENTS_API_ID}`, definition);
    const del = (force: boolean) =>
      h.gql(
        'admin',
        `mutation($input: CertificateDeleteInput!) { certificateDelete(input: $input) {
        certificate { deletedAt } userErrors { __typename code path ... on CertificateInUseError { apis { apiId name usageTypes } credentials { appName } } } } }`,
        {
          input: { certificate: id, force },
        },
      );
    expect((await del(false)).data.certificateDelete).toEqual({
      certificate: null,
      userErrors: [
        {
          __typename: 'CertificateInUseError',
          code: 'CERTIFICATE_IN_USE',
          path: null,
          apis: [{ apiId: PAYMENTS_API_ID, name: 'Payments API', usageTypes: ['client'] }],
          credentials: [],
        },
      ],
    });
    const forced = await del(true);
    expect(forced.data.certificateDelete.certificate.deletedAt).toEqual(expect.any(String));
    expect((await del(true)).data.certificateDelete.userErrors).toMatchObject([
      { code: 'CERTIFICATE_DELETED' },
    ]);
  });
});
