import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  API_ID,
  baseSeed,
  classicApi,
  DB_ID,
  OAS_API_ID,
  OAS_DB_ID,
  ORG,
  OTHER_KEY,
  oasApi,
} from './support/fixtures.ts';
import { startTestMock, type TestMock } from './support/mock.ts';

type Wrapper = { api_definition: Record<string, unknown> } & Record<string, unknown>;

let mock: TestMock;

beforeAll(async () => {
  const extra = Array.from({ length: 10 }, (_, i) =>
    classicApi({
      id: `aaaaaaaaaaaaaaaaaaaaaa${String(i).padStart(2, '0')}`,
      api_id: `extra-${i}`,
      name: `Extra ${i}`,
      proxy: { listen_path: `/extra-${i}/` },
    }),
  );
  mock = await startTestMock({ seed: baseSeed({ apis: [classicApi(), oasApi(), ...extra] }) });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await mock.control('POST', '/_mock/reset');
});

describe('GET /api/apis', () => {
  it('pages wrappers of classic and OAS APIs', async () => {
    const first = (await mock.dashboard('/api/apis?p=1')).json as { apis: Wrapper[]; pages: number };
    expect(first.pages).toBe(2);
    expect(first.apis).toHaveLength(10);
    expect(first.apis[0]).toMatchObject({
      api_definition: { id: DB_ID, api_id: API_ID, org_id: ORG, is_oas: false },
      hook_references: [],
      is_site: false,
      sort_by: 0,
      user_group_owners: [],
      user_owners: [],
      categories: [],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(first.apis[1]).toMatchObject({
      api_definition: {
        api_id: OAS_API_ID,
        is_oas: true,
        use_mutual_tls_auth: true,
        client_certificates: [],
        use_standard_auth: true,
        proxy: { listen_path: '/ledger/' },
      },
      oas: { 'x-tyk-api-gateway': { info: { dbId: OAS_DB_ID } } },
    });
    const second = (await mock.dashboard('/api/apis?p=2')).json as { apis: Wrapper[] };
    expect(second.apis).toHaveLength(2);
    expect(((await mock.dashboard('/api/apis?p=-1')).json as { apis: Wrapper[] }).apis).toHaveLength(12);
    expect((await mock.dashboard('/api/apis?q=ledger')).json).toMatchObject({
      pages: 1,
      apis: [{ api_definition: { api_id: OAS_API_ID } }],
    });
  });

  it('shows another org nothing', async () => {
    expect((await mock.dashboard('/api/apis', { key: OTHER_KEY })).json).toEqual({ apis: [], pages: 0 });
  });
});

describe('GET and PUT /api/apis/{id}', () => {
  it('finds an API by internal id or api_id; an unknown one is 400 "Could not retrieve API detail"', async () => {
    const byDb = await mock.dashboard(`/api/apis/${DB_ID}`);
    const byApiId = await mock.dashboard(`/api/apis/${API_ID}`);
    expect(byDb.json).toEqual(byApiId.json);
    for (const [id, key] of [
      ['nope', undefined],
      [API_ID, OTHER_KEY],
    ] as const) {
      const res = await mock.dashboard(`/api/apis/${id}`, key ? { key } : {});
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ Status: 'Error', Message: 'Could not retrieve API detail', Meta: null });
    }
  });

  it('replaces the whole definition: a concurrent read-modify-write loses an update (as Tyk)', async () => {
    const a = (await mock.dashboard(`/api/apis/${API_ID}`)).json as Wrapper;
    const b = (await mock.dashboard(`/api/apis/${API_ID}`)).json as Wrapper;
    a.api_definition.client_certificates = [`${ORG}${'a'.repeat(64)}`];
    b.api_definition.client_certificates = [`${ORG}${'b'.repeat(64)}`];
    const put = (body: Wrapper) =>
      mock.dashboard(`/api/apis/${API_ID}`, { method: 'PUT', body: JSON.stringify(body) });
    expect((await put(a)).json).toEqual({ Status: 'OK', Message: 'API updated', Meta: null });
    await put(b);
    const after = (await mock.dashboard(`/api/apis/${API_ID}`)).json as Wrapper;
    expect(after.api_definition.client_certificates).toEqual([`${ORG}${'b'.repeat(64)}`]);
  });

  it('drops fields the PUT body leaves out, but keeps the id and org pinned', async () => {
    const body = {
      api_definition: {
        id: DB_ID,
        api_id: API_ID,
        org_id: 'someone-else',
        name: 'Renamed',
        proxy: { listen_path: '/p/' },
      },
    };
    await mock.dashboard(`/api/apis/${DB_ID}`, { method: 'PUT', body: JSON.stringify(body) });
    const after = (await mock.dashboard(`/api/apis/${DB_ID}`)).json as Wrapper;
    expect(after.api_definition).toEqual({
      id: DB_ID,
      api_id: API_ID,
      org_id: ORG,
      name: 'Renamed',
      proxy: { listen_path: '/p/' },
      is_oas: false,
    });
  });

  it('answers Tyk`s errors: wrong body id 400, unknown API 404, malformed body 400', async () => {
    const wrongId = await mock.dashboard(`/api/apis/${API_ID}`, {
      method: 'PUT',
      body: JSON.stringify({ api_definition: { id: 'ffffffffffffffffffffffff' } }),
    });
    expect(wrongId.status).toBe(400);
    expect(wrongId.json).toEqual({ Status: 'Error', Message: 'Invalid `ID` value', Meta: null });
    const missing = await mock.dashboard('/api/apis/nope', {
      method: 'PUT',
      body: JSON.stringify({ api_definition: {} }),
    });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ Status: 'Error', Message: 'API definition does not exist', Meta: null });
    const malformed = await mock.dashboard(`/api/apis/${API_ID}`, {
      method: 'PUT',
      body: '{"api_definition": ',
    });
    expect(malformed.status).toBe(400);
  });
});

describe('GET and PUT /api/apis/oas/{id}', () => {
  it('returns the raw OAS document, not wrapped', async () => {
    const res = await mock.dashboard(`/api/apis/oas/${OAS_API_ID}`);
    expect(res.json).toMatchObject({
      openapi: '3.0.3',
      'x-tyk-api-gateway': { server: { clientCertificates: { enabled: true, allowlist: [] } } },
    });
    expect(res.json).not.toHaveProperty('api_definition');
    expect((await mock.dashboard(`/api/apis/oas/${API_ID}`)).status).toBe(404); // a classic API
  });

  it('replaces the document and updates the classic view of the allow list', async () => {
    type OasDoc = { 'x-tyk-api-gateway': { server: { clientCertificates: { allowlist: string[] } } } };
    const doc = (await mock.dashboard(`/api/apis/oas/${OAS_API_ID}`)).json as OasDoc;
    const id = `${ORG}${'c'.repeat(64)}`;
    doc['x-tyk-api-gateway'].server.clientCertificates.allowlist = [id];
    const put = await mock.dashboard(`/api/apis/oas/${OAS_API_ID}`, {
      method: 'PUT',
      body: JSON.stringify(doc),
    });
    expect(put.json).toEqual({ Status: 'OK', Message: 'API updated.', Meta: null });
    const classic = (await mock.dashboard(`/api/apis/${OAS_API_ID}`)).json as Wrapper;
    expect(classic.api_definition).toMatchObject({
      client_certificates: [id],
      use_mutual_tls_auth: true,
      is_oas: true,
    });
  });

  it('writes a classic PUT of an OAS API back into its OAS document', async () => {
    const wrapper = (await mock.dashboard(`/api/apis/${OAS_DB_ID}`)).json as Wrapper;
    wrapper.api_definition.client_certificates = ['x'];
    wrapper.api_definition.use_mutual_tls_auth = false;
    await mock.dashboard(`/api/apis/${OAS_DB_ID}`, { method: 'PUT', body: JSON.stringify(wrapper) });
    const doc = (await mock.dashboard(`/api/apis/oas/${OAS_API_ID}`)).json;
    expect(doc).toMatchObject({
      'x-tyk-api-gateway': { server: { clientCertificates: { enabled: false, allowlist: ['x'] } } },
    });
  });

  it('refuses a document without x-tyk-api-gateway (400) and an unknown API (404)', async () => {
    const res = await mock.dashboard(`/api/apis/oas/${OAS_API_ID}`, {
      method: 'PUT',
      body: JSON.stringify({ openapi: '3.0.3' }),
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      Status: 'Error',
      Message: 'The payload should contain x-tyk-api-gateway.',
      Meta: null,
    });
    const missing = await mock.dashboard('/api/apis/oas/nope', {
      method: 'PUT',
      body: JSON.stringify(oasApi().oas),
    });
    expect(missing.status).toBe(404);
  });
});
