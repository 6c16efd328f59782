import { sha256Hex } from '@repo/core/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ID } from './support/fixtures.ts';
import {
  type GatewayCertificates,
  type GatewayFixture,
  identity,
  idOf,
  startGatewayFixture,
} from './support/gateway-fixture.ts';

let fixture: GatewayFixture;
let certs: GatewayCertificates;
const call: GatewayFixture['call'] = (...args) => fixture.call(...args);

beforeAll(async () => {
  fixture = await startGatewayFixture();
  certs = fixture.certs;
});
afterAll(() => fixture.mock.close());

describe('AuthKey, KeyExpired and AccessRightsCheck after the allow list', () => {
  it('401 without a token, 403 for an unknown token', async () => {
    const missing = await call('/payments/x', identity(certs.exact));
    expect([missing.status, missing.body]).toEqual([401, { error: 'Authorization field missing' }]);
    const wrong = await call('/payments/x', identity(certs.exact), 'no-such-token');
    expect([wrong.status, wrong.body]).toEqual([403, { error: 'Access to this API has been disallowed' }]);
  });

  it('accepts a Bearer prefix', async () => {
    expect((await call('/payments/x', identity(certs.exact), 'Bearer unbound-token')).status).toBe(200);
  });

  it('admits a bound token with its certificate and refuses it (401) with another allowed one', async () => {
    expect((await call('/payments/x', identity(certs.exact), 'bound-token')).status).toBe(200);
    for (const cert of [certs.other, certs.caSigned]) {
      const res = await call('/payments/x', identity(cert), 'bound-token');
      expect([res.status, res.body]).toEqual([401, { error: 'Access to this API has been disallowed' }]);
    }
  });

  it('refuses an inactive key (403), an expired key (401) and a key without the API (403)', async () => {
    const inactive = await call('/payments/x', identity(certs.exact), 'inactive-token');
    expect([inactive.status, inactive.body]).toEqual([403, { error: 'Key is inactive, please renew' }]);
    const expiredKey = await call('/payments/x', identity(certs.exact), 'expired-token');
    expect([expiredKey.status, expiredKey.body]).toEqual([401, { error: 'Key has expired, please renew' }]);
    const noRights = await call('/payments/x', identity(certs.exact), 'no-rights-token');
    expect([noRights.status, noRights.body]).toEqual([
      403,
      { error: 'Access to this API has been disallowed' },
    ]);
  });

  it('checks the binding inside AuthKey, so before key expiry (Tyk order)', async () => {
    const wrongCert = await call('/payments/x', identity(certs.other), 'expired-bound-token');
    expect([wrongCert.status, wrongCert.body]).toEqual([
      401,
      { error: 'Access to this API has been disallowed' },
    ]);
    const rightCert = await call('/payments/x', identity(certs.exact), 'expired-bound-token');
    expect([rightCert.status, rightCert.body]).toEqual([401, { error: 'Key has expired, please renew' }]);
  });

  it('lets a session with no access rights through, as Tyk does', async () => {
    expect((await call('/payments/x', identity(certs.exact), 'empty-rights-token')).status).toBe(200);
  });

  it('counts the quota after the other checks: quota_max requests pass, then 403 until the key is rewritten', async () => {
    const statuses = async (n: number) => {
      const seen: [number, unknown][] = [];
      for (let i = 0; i < n; i++) {
        const res = await call('/payments/x', identity(certs.exact), 'quota-token');
        seen.push([res.status, res.body]);
      }
      return seen;
    };
    const exceeded = [403, { error: 'Quota exceeded' }];
    expect((await statuses(3)).map(([status]) => status)).toEqual([200, 200, 403]);
    expect(await statuses(1)).toEqual([exceeded]);
    // A refusal before the quota (a certificate the allow list lacks) does not count.
    expect((await call('/payments/x', identity(certs.unknown), 'quota-token')).status).toBe(403);

    const { data: session } = (await fixture.mock.dashboard('/api/keys/quota-token')).json as {
      data: object;
    };
    const put = (query: string) =>
      fixture.mock.dashboard(`/api/keys/quota-token${query}`, {
        method: 'PUT',
        body: JSON.stringify(session),
      });
    // Rewritten with suppress_reset=1 the counter stays; a plain rewrite (a plan change) resets it.
    expect((await put('?suppress_reset=1')).status).toBe(200);
    expect(await statuses(1)).toEqual([exceeded]);
    expect((await put('')).status).toBe(200);
    expect((await statuses(3)).map(([status]) => status)).toEqual([200, 200, 403]);
  });

  it('rate-limits before the quota: `rate` per `per` seconds, then 429, and a refusal costs no quota', async () => {
    const statuses = async (n: number) => {
      const seen: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const res = await call('/payments/x', identity(certs.exact), 'rate-token');
        seen.push(res.status === 200 ? 200 : [res.status, res.body]);
      }
      return seen;
    };
    const limited = [429, { error: 'Rate Limit Exceeded' }];
    expect(await statuses(3)).toEqual([200, 200, limited]);
    const read = async () =>
      ((await fixture.mock.dashboard('/api/keys/rate-token')).json as { data: Record<string, unknown> }).data;
    expect((await read()).quota_remaining).toBe(3); // 5 less the two admitted
    const session = await read();
    const put = (query: string) =>
      fixture.mock.dashboard(`/api/keys/rate-token${query}`, {
        method: 'PUT',
        body: JSON.stringify(session),
      });
    expect((await put('?suppress_reset=1')).status).toBe(200);
    expect(await statuses(1)).toEqual([limited]);
    expect((await read()).last_updated).toBe(session.last_updated);
    expect((await put('')).status).toBe(200);
    expect(await statuses(3)).toEqual([200, 200, limited]);
  });

  it('ignores bindings on an API without static mTLS', async () => {
    const res = await call('/open/x', undefined, 'bound-open-token');
    expect(res.body).toMatchObject({
      api_id: 'open',
      key_id: 'bound-open-token',
      certificate_fingerprint: null,
    });
  });
});

describe('definition and store changes', () => {
  it('serves OAS APIs by their clientCertificates allow list', async () => {
    expect((await call('/ledger/x', identity(certs.exact), 'empty-rights-token')).status).toBe(200);
    expect((await call('/ledger/x', identity(certs.other), 'empty-rights-token')).status).toBe(403);
    // unbound-token's access rights name only the classic API.
    expect((await call('/ledger/x', identity(certs.exact), 'unbound-token')).status).toBe(403);
  });

  it('applies an allow-list PUT and a certificate delete to the next request', async () => {
    const wrapper = (await fixture.mock.dashboard(`/api/apis/${API_ID}`)).json as {
      api_definition: { client_certificates: string[] };
    };
    wrapper.api_definition.client_certificates = wrapper.api_definition.client_certificates.filter(
      (id) => id !== idOf(certs.other),
    );
    await fixture.mock.dashboard(`/api/apis/${API_ID}`, { method: 'PUT', body: JSON.stringify(wrapper) });
    expect((await call('/payments/x', identity(certs.other), 'unbound-token')).status).toBe(403);
    await fixture.mock.dashboard(`/api/certs/${idOf(certs.exact)}`, { method: 'DELETE' });
    const res = await call('/payments/x', identity(certs.exact), 'unbound-token');
    expect([res.status, res.body]).toEqual([
      403,
      { error: `Certificate with SHA256 ${sha256Hex(certs.exact.der)} not allowed` },
    ]);
  });

  it('answers Go`s 404 for a path no API listens on', async () => {
    const res = await call('/nowhere', identity(certs.exact), 'unbound-token');
    expect([res.status, res.text]).toEqual([404, '404 page not found\n']);
  });
});

describe('custom keys at the gateway', () => {
  it('accepts a custom key by the name it was created with, as Tyk`s session lookup does', async () => {
    const body = JSON.stringify({ access_rights: { [API_ID]: { api_id: API_ID, versions: ['Default'] } } });
    const created = await fixture.mock.dashboard('/api/keys/acr-42', { method: 'POST', body });
    const { key_id } = created.json as { key_id: string };
    for (const token of ['acr-42', key_id]) {
      // caSigned: the store changes above deleted `exact`.
      const res = await call('/payments/x', identity(certs.caSigned), token);
      expect([res.status, res.body.key_id]).toEqual([200, key_id]);
    }
  });
});
