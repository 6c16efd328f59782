import { describeDatabases, insertTestCertificates, makeCertificate } from '@repo/core/testing';
import { beforeEach, expect, it } from 'vitest';
import { gid, uploaded } from './support/certificates.ts';
import { errorCodes, ORG_ID, useServerHarness } from './support/harness.ts';

const DAY = 86_400_000;
const LIST = `query($filter: CertificateFilter, $orderBy: CertificateOrder, $first: Int, $after: String) {
  certificates(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { name status }
  }
}`;

describeDatabases('certificate queries', (ctx) => {
  const h = useServerHarness(ctx);
  const sha256: Record<string, string> = {};

  beforeEach(async () => {
    const now = Date.now();
    for (const [name, days] of [
      ['charlie', 400],
      ['alpha', 20],
      ['bravo', 200],
    ] as const) {
      const { certificate } = await uploaded(h, {
        name: `CN=${name}.example.com`,
        certificateName: name,
        notAfter: new Date(now + days * DAY),
        san: { dns: [`${name}.example.com`] },
        organisationIds: name === 'alpha' ? [h.orgA.id] : [],
      });
      sha256[name] = certificate.sha256;
    }
  });

  const list = async (variables: Record<string, unknown>) => {
    const result = await h.gql('admin', LIST, variables);
    expect(result.errors).toBeUndefined();
    return result.data.certificates;
  };
  const names = async (variables: Record<string, unknown>) =>
    (await list(variables)).nodes.map((n: { name: string }) => n.name);

  it('orders by expiry (default) or name, with statuses computed now', async () => {
    expect(await list({})).toMatchObject({
      totalCount: 3,
      nodes: [
        { name: 'alpha', status: 'EXPIRING_SOON' },
        { name: 'bravo', status: 'VALID' },
        { name: 'charlie', status: 'VALID' },
      ],
    });
    expect(await names({ orderBy: 'NAME' })).toEqual(['alpha', 'bravo', 'charlie']);
  });

  it('filters by status, expiry window, organisation, provider and search (any fingerprint form)', async () => {
    expect(await names({ filter: { status: ['VALID'] } })).toEqual(['bravo', 'charlie']);
    expect(await names({ filter: { expiringWithinDays: 365 } })).toEqual(['alpha', 'bravo']);
    expect(await names({ filter: { status: ['EXPIRING_SOON'], expiringWithinDays: 365 } })).toEqual([
      'alpha',
    ]);
    expect(await names({ filter: { organisation: gid('Organisation', h.orgA.id) } })).toEqual(['alpha']);
    expect(await names({ filter: { provider: gid('Provider', h.provider.id) } })).toHaveLength(3);
    const colons = sha256.bravo!.toUpperCase().match(/../g)!.join(':');
    expect(await names({ filter: { search: colons } })).toEqual(['bravo']);
    expect(await names({ filter: { search: 'dns:charlie.example.com' } })).toEqual(['charlie']);
    expect(await names({ filter: { search: 'ALP' } })).toEqual(['alpha']);
  });

  it('gives one certificate one status whatever the listing asks, and its days left', async () => {
    const statuses = async (filter: Record<string, unknown>) =>
      Object.fromEntries(
        (await list({ filter })).nodes.map((n: { name: string; status: string }) => [n.name, n.status]),
      );
    const all = await statuses({});
    const within = await statuses({ expiringWithinDays: 365 });
    expect(Object.keys(within).sort()).toEqual(['alpha', 'bravo']);
    for (const name of Object.keys(within)) expect(within[name]).toBe(all[name]);
    expect(within.bravo).toBe('VALID');
    const days = await h.gql(
      'admin',
      '{ certificates(orderBy: NAME) { nodes { name notAfter daysUntilExpiry } } }',
    );
    for (const node of days.data.certificates.nodes) {
      const expected = Math.floor((Date.parse(node.notAfter) - Date.now()) / 86_400_000);
      expect([expected, expected - 1]).toContain(node.daysUntilExpiry);
    }
  });

  it('gives the PEM a certificate came with to whoever sees it, in one statement per page', async () => {
    const [synced] = await insertTestCertificates(ctx.db, h.provider, [{ name: 'synced' }]);
    const PEMS = `query($filter: CertificateFilter) { certificates(filter: $filter, first: 10) { nodes { name pem } } }`;
    const { statements, result } = await ctx.countStatements(() => h.gql('admin', PEMS, {}));
    const pems = Object.fromEntries(
      result.data.certificates.nodes.map((n: { name: string; pem: string | null }) => [n.name, n.pem]),
    );
    expect(pems.alpha).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n?$/);
    expect(pems.alpha).not.toMatch(/PRIVATE KEY/);
    expect(pems[synced!.name!]).toBeNull(); // found by sync: the Dashboard never answers a PEM
    const many = await ctx.countStatements(() => h.gql('admin', PEMS.replace('first: 10', 'first: 100'), {}));
    expect(many.statements.length).toBe(statements.length);
    // A consumer sees alpha (its organisation's) with its PEM, and nothing of the others.
    const mine = await h.gql('consumerA', PEMS, {});
    expect(mine.data.certificates.nodes).toEqual([{ name: 'alpha', pem: pems.alpha }]);
  });

  it('pages forwards with cursors', async () => {
    const first = await list({ first: 2, orderBy: 'NAME' });
    expect(first).toMatchObject({
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
      nodes: [{ name: 'alpha' }, { name: 'bravo' }],
    });
    const next = await list({ first: 2, orderBy: 'NAME', after: first.pageInfo.endCursor });
    expect(next).toMatchObject({
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
      nodes: [{ name: 'charlie' }],
    });
  });

  it('refuses page sizes over 100, backward paging and foreign cursors', async () => {
    expect(errorCodes(await h.gql('admin', '{ certificates(first: 101) { totalCount } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    for (const query of [
      '{ certificates(last: 1) { totalCount } }',
      '{ certificates(before: "x") { totalCount } }',
    ]) {
      expect((await h.gql('admin', query)).errors?.[0]?.message).toMatch(/Unknown argument/);
    }
    expect(errorCodes(await h.gql('admin', '{ certificates(after: "bm9wZQ") { totalCount } }'))).toEqual([
      'INVALID_INPUT',
    ]);
    expect(errorCodes(await h.gql('admin', '{ organisations(first: 0) { nodes { id } } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('shows soft-deleted certificates only when asked', async () => {
    const { id } = await uploaded(h, { certificateName: 'gone' });
    await h.gql(
      'admin',
      `mutation { certificateDelete(input: { certificate: "${id}" }) { userErrors { code } } }`,
    );
    expect(await names({})).not.toContain('gone');
    expect(await names({ filter: { deleted: 'ONLY' } })).toEqual(['gone']);
    expect(await names({ filter: { deleted: 'INCLUDE' } })).toHaveLength(4);
  });

  it('certificateInspect describes a PEM without storing it, and says why an upload would refuse it', async () => {
    const INSPECT = `query($input: CertificateInspectInput!) { certificateInspect(input: $input) {
      inspection { tykId status subjectCn subjectAltNames fingerprints { sha256 sha1Colons } lintWarnings { code }
        uploadRefusal { code path } }
      userErrors { code path } } }`;
    const cert = await makeCertificate({
      name: 'CN=inspected',
      eku: ['serverAuth'],
      san: { dns: ['inspected.test'] },
    });
    const ok = await h.gql('admin', INSPECT, {
      input: { pem: cert.pem, provider: gid('Provider', h.provider.id) },
    });
    const inspection = ok.data.certificateInspect.inspection;
    expect(inspection).toMatchObject({
      status: 'VALID',
      subjectCn: 'inspected',
      subjectAltNames: ['dns:inspected.test'],
      lintWarnings: [{ code: 'NO_CLIENT_AUTH_EKU' }],
      uploadRefusal: null,
    });
    expect(inspection.tykId).toBe(ORG_ID + inspection.fingerprints.sha256);
    const expired = await makeCertificate({
      notBefore: new Date(Date.now() - 9 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const refused = await h.gql('consumerA', INSPECT, { input: { pem: expired.pem } });
    expect(refused.data.certificateInspect.inspection).toMatchObject({
      status: 'EXPIRED',
      tykId: null,
      uploadRefusal: { code: 'CERTIFICATE_EXPIRED', path: ['input', 'pem'] },
    });
    const key = await h.gql('admin', INSPECT, { input: { pem: `${cert.pem}${cert.keyPem}` } });
    expect(key.data.certificateInspect).toEqual({
      inspection: null,
      userErrors: [{ code: 'PEM_PRIVATE_KEY', path: ['input', 'pem'] }],
    });
    const foreignProvider = await h.gql('consumerA', INSPECT, {
      input: { pem: cert.pem, provider: gid('Provider', h.provider.id) },
    });
    expect(foreignProvider.data.certificateInspect.userErrors).toEqual([
      { code: 'NOT_FOUND', path: ['input', 'provider'] },
    ]);
    expect((await list({})).totalCount).toBe(3);
  });
});
