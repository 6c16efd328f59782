import { makeCertificate } from '@repo/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCertificateStoreFixture } from './support/certificate-store-fixture.ts';
import { baseSeed, OTHER_KEY } from './support/fixtures.ts';
import { startTestMock, type TestMock } from './support/mock.ts';

let mock: TestMock;
let ids: string[] = [];
let withKeyId = '';
let richId = '';

beforeAll(async () => {
  const fixture = await startCertificateStoreFixture();
  ({ mock, ids, withKeyId, richId } = fixture);
});
afterAll(() => mock.close());

describe('GET /api/certs paging', () => {
  it('pages by 10 from p=1; no p is page 1; `pages` counts all pages', async () => {
    const first = await mock.dashboard('/api/certs?p=1');
    expect(first.json).toEqual({ certs: ids.slice(0, 10), pages: 3 });
    expect((await mock.dashboard('/api/certs')).json).toEqual(first.json);
  });

  it('answers the last, partial page and an empty page beyond it', async () => {
    expect((await mock.dashboard('/api/certs?p=3')).json).toEqual({
      certs: [ids[20], withKeyId, richId],
      pages: 3,
    });
    expect((await mock.dashboard('/api/certs?p=4')).json).toEqual({ certs: [], pages: 3 });
  });

  it('returns every certificate of the org for p < 0', async () => {
    const all = await mock.dashboard('/api/certs?p=-1');
    expect(all.json).toEqual({ certs: [...ids, withKeyId, richId], pages: 3 });
    expect((await mock.dashboard('/api/certs?p=-2')).json).toEqual(all.json);
  });

  it('honours a configured page size', async () => {
    const small = await startTestMock({ seed: baseSeed({ certificates: [] }), pageSize: 2 });
    try {
      for (let i = 0; i < 3; i++) {
        await small.dashboard('/api/certs', {
          method: 'POST',
          body: (await makeCertificate({ name: `CN=s${i}` })).pem,
        });
      }
      expect((await small.dashboard('/api/certs?p=2')).json).toMatchObject({ pages: 2 });
      expect(((await small.dashboard('/api/certs?p=2')).json as { certs: string[] }).certs).toHaveLength(1);
    } finally {
      await small.close();
    }
  });
});

describe('GET /api/certs modes and filters', () => {
  it('answers `cert_basics` (not `certs`) with mode=detailed', async () => {
    const res = await mock.dashboard('/api/certs?mode=detailed&p=1');
    const body = res.json as { cert_basics: Record<string, unknown>[]; pages: number };
    expect(Object.keys(body).sort()).toEqual(['cert_basics', 'pages']);
    expect(body.cert_basics[0]).toEqual({
      id: ids[0],
      issuer_cn: 'cert-00',
      subject_cn: 'cert-00',
      dns_names: ['c0.example'],
      has_private: false,
      not_before: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      not_after: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      is_ca: false,
    });
  });

  it('filters by private key in both modes', async () => {
    expect((await mock.dashboard('/api/certs?filter=with_pk')).json).toEqual({
      certs: [withKeyId],
      pages: 1,
    });
    const detailed = await mock.dashboard('/api/certs?mode=detailed&filter=with_pk');
    expect(detailed.json).toMatchObject({ cert_basics: [{ id: withKeyId, has_private: true }], pages: 1 });
    const without = await mock.dashboard('/api/certs?filter=without_pk&p=-1');
    expect((without.json as { certs: string[] }).certs).not.toContain(withKeyId);
    expect((await mock.dashboard('/api/certs?filter=omit&p=-1')).json).toMatchObject({ pages: 3 });
  });

  it('scopes the listing to the caller`s org', async () => {
    expect((await mock.dashboard('/api/certs', { key: OTHER_KEY })).json).toMatchObject({ pages: 1 });
  });
});
