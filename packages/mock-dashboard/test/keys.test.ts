import { makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../src/index.ts';
import { API_ID, baseSeed, ORG, OTHER_KEY, OTHER_ORG } from './support/fixtures.ts';
import { startTestMock, type TestMock } from './support/mock.ts';

type KeyData = { key_id: string; key_hash: string; data: Record<string, unknown>; api_model: unknown };

let mock: TestMock;
let certId = '';
let secondCertId = '';
let foreignCertId = '';

const session = (extra: Record<string, unknown> = {}) => ({
  alias: 'portal-key',
  rate: 1000,
  per: 60,
  quota_max: -1,
  expires: 0,
  is_inactive: false,
  access_rights: {
    [API_ID]: { api_id: API_ID, api_name: 'Payments API', versions: ['Default'], allowed_urls: [] },
  },
  meta_data: { tyk_developer_id: 'dev-1' },
  ...extra,
});

const post = (path: string, body: unknown, key?: string) =>
  mock.dashboard(path, { method: 'POST', body: JSON.stringify(body), ...(key ? { key } : {}) });

beforeAll(async () => {
  const [a, b, c] = await Promise.all([
    makeCertificate({ name: 'CN=bound-a' }),
    makeCertificate({ name: 'CN=bound-b' }),
    makeCertificate({ name: 'CN=foreign' }),
  ]);
  certId = ORG + sha256Hex(a.der);
  secondCertId = ORG + sha256Hex(b.der);
  foreignCertId = OTHER_ORG + sha256Hex(c.der);
  const certificates = [
    { orgId: ORG, pem: a.pem },
    { orgId: ORG, pem: b.pem },
    { orgId: OTHER_ORG, pem: c.pem },
  ];
  mock = await startTestMock({ seed: baseSeed({ certificates }) });
});
afterAll(() => mock.close());

describe('POST /api/keys', () => {
  it('creates a key in Tyk`s token format and answers KeyData', async () => {
    const res = await post('/api/keys', session({ mtls_static_certificate_bindings: [certId] }));
    expect(res.status).toBe(200);
    const body = res.json as KeyData;
    expect(JSON.parse(Buffer.from(body.key_id, 'base64').toString())).toEqual({
      org: ORG,
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      h: 'murmur64',
    });
    expect(body.key_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(body.api_model).toEqual({});
    expect(body.data).toMatchObject({
      org_id: ORG,
      alias: 'portal-key',
      rate: 1000,
      per: 60,
      quota_max: -1,
      expires: 0,
      is_inactive: false,
      access_rights: { [API_ID]: { api_id: API_ID } },
      meta_data: { tyk_developer_id: 'dev-1' },
      mtls_static_certificate_bindings: [certId],
      apply_policies: [],
      tags: [],
    });
  });

  it('omits an empty bindings list (omitempty) and pins the caller`s org', async () => {
    const body = (
      await post('/api/keys', session({ org_id: OTHER_ORG, mtls_static_certificate_bindings: [] }))
    ).json as KeyData;
    expect(body.data).not.toHaveProperty('mtls_static_certificate_bindings');
    expect(body.data.org_id).toBe(ORG);
  });

  it('validates bindings as the Gateway does (400)', async () => {
    const unknown = `${ORG}${'f'.repeat(64)}`;
    const cases: [string, string][] = [
      [foreignCertId, `invalid certificate ID: ${foreignCertId}`],
      [unknown, `certificate not found: ${unknown}`],
    ];
    for (const [id, message] of cases) {
      const res = await post('/api/keys', session({ mtls_static_certificate_bindings: [certId, id] }));
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ Status: 'Error', Message: message, Meta: null });
    }
  });

  it('answers 403 "Request body malformed." for a body that is not a session', async () => {
    for (const body of [
      '{not json',
      JSON.stringify({ expires: 'tomorrow' }),
      JSON.stringify([1]),
      JSON.stringify({ quota_max: 2.5 }), // an int64 in Go
    ]) {
      const res = await mock.dashboard('/api/keys', { method: 'POST', body });
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ Status: 'Error', Message: 'Request body malformed.', Meta: null });
    }
  });
});

describe('custom keys and GET/PUT/DELETE /api/keys/{id}', () => {
  it('stores a custom key under generateToken(org, id); both names find it', async () => {
    const created = (await post('/api/keys/acr-123', session())).json as KeyData;
    expect(created.key_id).toBe(generateToken(ORG, 'acr-123'));
    const byToken = await mock.dashboard(`/api/keys/${encodeURIComponent(created.key_id)}`);
    const byName = await mock.dashboard('/api/keys/acr-123');
    expect(byToken.json).toEqual(created);
    expect(byName.json).toEqual(created);
    // A retry of the same POST overwrites rather than duplicating.
    expect(((await post('/api/keys/acr-123', session({ alias: 'retried' }))).json as KeyData).key_id).toBe(
      created.key_id,
    );
  });

  it('replaces the session on PUT and validates only newly added bindings', async () => {
    const created = (
      await post('/api/keys/put-me', session({ mtls_static_certificate_bindings: [secondCertId] }))
    ).json as KeyData;
    // The bound certificate is deleted; an unrelated update must still pass.
    await mock.dashboard(`/api/certs/${secondCertId}`, { method: 'DELETE' });
    const put = await mock.dashboard('/api/keys/put-me', {
      method: 'PUT',
      body: JSON.stringify(
        session({ alias: 'renamed', mtls_static_certificate_bindings: [secondCertId, certId] }),
      ),
    });
    expect(put.status).toBe(200);
    expect((put.json as KeyData).data).toMatchObject({
      alias: 'renamed',
      mtls_static_certificate_bindings: [secondCertId, certId],
      date_created: created.data.date_created,
    });
    const bad = await mock.dashboard('/api/keys/put-me', {
      method: 'PUT',
      body: JSON.stringify(session({ mtls_static_certificate_bindings: [`${ORG}${'e'.repeat(64)}`] })),
    });
    expect(bad.json).toEqual({
      Status: 'Error',
      Message: `certificate not found: ${ORG}${'e'.repeat(64)}`,
      Meta: null,
    });
  });

  it('refuses another org`s key (400) and a missing key (404)', async () => {
    const created = (await post('/api/keys', session())).json as KeyData;
    const id = encodeURIComponent(created.key_id);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const init = {
        method,
        key: OTHER_KEY,
        ...(method === 'PUT' ? { body: JSON.stringify(session()) } : {}),
      };
      const res = await mock.dashboard(`/api/keys/${id}`, init);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        Status: 'Error',
        Message: 'Attempted access to non-owned key.',
        Meta: null,
      });
    }
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await mock.dashboard('/api/keys/missing', {
        method,
        ...(method === 'PUT' ? { body: '{}' } : {}),
      });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ Status: 'Error', Message: 'Could not retrieve key detail.', Meta: null });
    }
  });

  it('deletes a key', async () => {
    const created = (await post('/api/keys', session())).json as KeyData;
    const id = encodeURIComponent(created.key_id);
    const res = await mock.dashboard(`/api/keys/${id}`, { method: 'DELETE' });
    expect(res.json).toEqual({ Status: 'OK', Message: 'Key deleted successfully.', Meta: null });
    expect((await mock.dashboard(`/api/keys/${id}`)).status).toBe(404);
  });
});
