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

describe('CertificateCheckMW: the allow list', () => {
  it('refuses a request without a client certificate', async () => {
    const res = await call('/payments/x', undefined, 'unbound-token');
    expect([res.status, res.body]).toEqual([403, { error: 'Client TLS certificate is required' }]);
  });

  it('refuses an unknown certificate with its SHA-256', async () => {
    const res = await call('/payments/x', identity(certs.unknown), 'unbound-token');
    expect([res.status, res.body]).toEqual([
      403,
      { error: `Certificate with SHA256 ${sha256Hex(certs.unknown.der)} not allowed` },
    ]);
  });

  it('admits an exact match and echoes the decision', async () => {
    const res = await call('/payments/orders?x=1', identity(certs.exact), 'unbound-token');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      api_id: API_ID,
      api_name: 'Payments API',
      key_id: 'unbound-token',
      certificate_fingerprint: sha256Hex(certs.exact.der),
      certificate_id: idOf(certs.exact),
      match: 'EXACT',
      allow_list_entry: idOf(certs.exact),
      method: 'GET',
      path: '/payments/orders',
    });
  });

  it('admits a leaf signed by an allow-listed CA (no EKU), and refuses clientAuth-only or rogue-signed leaves', async () => {
    const ok = await call('/payments/x', identity(certs.caSigned), 'unbound-token');
    expect(ok.body).toMatchObject({
      match: 'CA_SIGNED',
      certificate_fingerprint: sha256Hex(certs.caSigned.der),
    });
    for (const cert of [certs.caSignedClientOnly, certs.rogueSigned]) {
      const res = await call('/payments/x', identity(cert), 'unbound-token');
      expect([res.status, res.body]).toEqual([
        403,
        { error: `Certificate with SHA256 ${sha256Hex(cert.der)} not allowed` },
      ]);
    }
  });

  it('checks every certificate the client sent: a sent intermediate signed by the listed CA admits its leaf', async () => {
    // The clientAuth-only leaf fails Go's Verify under the listed certs.intermediate; the certs.intermediate
    // it sent (no EKU) then verifies under the listed root, so the root's row admits the request.
    const res = await call(
      '/payments/x',
      identity(certs.viaIntermediate, certs.intermediate),
      'unbound-token',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      certificate_fingerprint: sha256Hex(certs.viaIntermediate.der),
      allow_list_entry: idOf(certs.ca),
    });
    const alone = await call('/payments/x', identity(certs.viaIntermediate), 'unbound-token');
    expect(alone.status).toBe(403);
  });

  it('refuses an exactly listed but expired certificate', async () => {
    const res = await call('/payments/x', identity(certs.expired), 'unbound-token');
    expect([res.status, res.body]).toEqual([403, { error: 'Certificate has expired' }]);
  });

  it('answers "TLS not enabled" over plain HTTP, where no certificate can be sent', async () => {
    const res = await fetch(`${fixture.mock.gatewayHttpUrl}/payments/x`, {
      headers: { authorization: 'unbound-token' },
    });
    expect([res.status, await res.json()]).toEqual([403, { error: 'TLS not enabled' }]);
  });
});
