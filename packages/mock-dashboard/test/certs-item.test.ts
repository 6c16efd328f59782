import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCertificateStoreFixture } from './support/certificate-store-fixture.ts';
import { ORG, OTHER_KEY } from './support/fixtures.ts';
import type { TestMock } from './support/mock.ts';

let mock: TestMock;
let ids: string[] = [];
let withKeyId = '';
let richId = '';

beforeAll(async () => {
  const fixture = await startCertificateStoreFixture();
  ({ mock, ids, withKeyId, richId } = fixture);
});
afterAll(() => mock.close());

describe('GET /api/certs/{id}', () => {
  it('answers CertificateMeta with pkix.Name-shaped subject and issuer', async () => {
    const res = await mock.dashboard(`/api/certs/${richId}`);
    expect(res.status).toBe(200);
    const subject = {
      Country: ['GB'],
      Organization: ['Acme Ltd'],
      OrganizationalUnit: ['Payments'],
      Locality: ['Camden'],
      Province: ['London'],
      StreetAddress: null,
      PostalCode: null,
      SerialNumber: '',
      CommonName: 'rich.example',
      Names: [
        { Type: [2, 5, 4, 6], Value: 'GB' },
        { Type: [2, 5, 4, 8], Value: 'London' },
        { Type: [2, 5, 4, 7], Value: 'Camden' },
        { Type: [2, 5, 4, 10], Value: 'Acme Ltd' },
        { Type: [2, 5, 4, 11], Value: 'Payments' },
        { Type: [2, 5, 4, 3], Value: 'rich.example' },
        { Type: [1, 2, 840, 113549, 1, 9, 1], Value: 'ops@example.com' },
      ],
      ExtraNames: null,
    };
    expect(res.json).toEqual({
      id: richId,
      fingerprint: richId.slice(ORG.length),
      has_private: false,
      issuer: subject,
      subject,
      not_before: expect.any(String),
      not_after: expect.any(String),
      dns_names: null,
      is_ca: false,
    });
  });

  it('refuses another org`s id (400) before looking it up, and a missing one with 404', async () => {
    const foreign = await mock.dashboard(`/api/certs/${ids[0]}`, { key: OTHER_KEY });
    expect(foreign.status).toBe(400);
    expect(foreign.json).toEqual({
      Status: 'Error',
      Message: 'Attempted access to non-owned certificate.',
      Meta: null,
    });
    const missing = await mock.dashboard(`/api/certs/${ORG}${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      Status: 'Error',
      Message: 'Could not retrieve certificate details. Certificate with given SHA256 fingerprint not found.',
      Meta: null,
    });
  });

  it('lists full metadata under /api/certs/details', async () => {
    const res = await mock.dashboard('/api/certs/details?p=3');
    expect(res.json).toMatchObject({
      pages: 3,
      certificates: [{ id: ids[20] }, { id: withKeyId }, { id: richId }],
    });
  });
});

describe('GET /api/certs/{id}/apis', () => {
  it('lists the APIs using the certificate and how', async () => {
    const res = await mock.dashboard(`/api/certs/${ids[0]}/apis`);
    expect(res.json).toEqual({
      cert_id: ids[0],
      pages: 1,
      apis: [
        {
          api_id: 'b84fe1a04e5648927971c0557971565c',
          name: 'Payments API',
          usage_type: ['client', 'upstream'],
          tyk_api_type: 'Tyk Classic',
        },
      ],
    });
    expect((await mock.dashboard(`/api/certs/${ids[1]}/apis`)).json).toEqual({
      cert_id: ids[1],
      pages: 0,
      apis: [],
    });
  });

  it('answers 404 for a missing or foreign certificate', async () => {
    const res = await mock.dashboard(`/api/certs/${ids[0]}/apis`, { key: OTHER_KEY });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      Status: 'Error',
      Message: 'Certificate not found or access denied',
      Meta: null,
    });
  });
});

describe('DELETE /api/certs/{id}', () => {
  it('deletes, then answers 404 for the same id; another org cannot delete', async () => {
    const id = ids[5]!;
    expect((await mock.dashboard(`/api/certs/${id}`, { method: 'DELETE', key: OTHER_KEY })).status).toBe(400);
    const res = await mock.dashboard(`/api/certs/${id}`, { method: 'DELETE' });
    expect(res.json).toEqual({ status: 'ok', message: 'removed' });
    const again = await mock.dashboard(`/api/certs/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ Status: 'Error', Message: 'Could not delete certificate.', Meta: null });
    ids.splice(5, 1);
  });
});

describe('Dashboard authentication', () => {
  it('answers 401 "Not authorised" with no or an unknown key', async () => {
    for (const key of [null, 'wrong-key', `Bearer ${'x'}`]) {
      const res = await mock.dashboard('/api/certs', { key });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ Status: 'Error', Message: 'Not authorised', Meta: null });
    }
  });

  it('answers Go`s 404 for an unknown path', async () => {
    const res = await mock.dashboard('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.text).toBe('404 page not found\n');
  });
});
