import { makeCertificate, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GatewayCertificates,
  type GatewayFixture,
  identity,
  idOf,
  startGatewayFixture,
} from './support/gateway-fixture.ts';

let fixture: GatewayFixture;
let certs: GatewayCertificates;
/** A client's own leaf, with a key of its own: it owns none of the allow-listed certificates. */
let own: TestCertificate;

beforeAll(async () => {
  fixture = await startGatewayFixture();
  certs = fixture.certs;
  own = await makeCertificate({ name: 'CN=own leaf', freshKey: true });
});
afterAll(() => fixture.mock.close());

// Tyk reads r.TLS.PeerCertificates: what the client sent, in order. ValidateRequestCerts admits
// the request when any of them is allow-listed; the client proves possession of the leaf's key only.
describe.each(['TLSv1.3', 'TLSv1.2'] as const)('the presented list over %s, as Tyk sees it', (version) => {
  const tls = { maxVersion: version };
  const call: GatewayFixture['call'] = (path, cert, token) => fixture.call(path, cert, token, tls);

  it("admits [own leaf, someone else's allow-listed certificate]; then the token decides", async () => {
    const sent = identity(own, certs.exact);
    const admitted = await call('/payments/x', sent, 'unbound-token');
    expect(admitted.protocol).toBe(version);
    expect([admitted.status, admitted.body]).toEqual([
      200,
      expect.objectContaining({
        match: 'EXACT',
        allow_list_entry: idOf(certs.exact),
        certificate_fingerprint: sha256Hex(own.der),
        certificate_id: idOf(own),
        key_id: 'unbound-token',
      }),
    ]);
    // Certificate-Token Binding looks at the leaf, which is not the listed certificate.
    const bound = await call('/payments/x', sent, 'bound-token');
    expect([bound.status, bound.body]).toEqual([401, { error: 'Access to this API has been disallowed' }]);
    const noToken = await call('/payments/x', sent);
    expect([noToken.status, noToken.body]).toEqual([401, { error: 'Authorization field missing' }]);
  });

  it('keeps the order: the first certificate sent is the leaf', async () => {
    const res = await call('/payments/x', identity(certs.exact, own), 'bound-token');
    expect([res.status, res.body]).toEqual([
      200,
      expect.objectContaining({ key_id: 'bound-token', certificate_fingerprint: sha256Hex(certs.exact.der) }),
    ]);
  });

  it('still admits a leaf sent with its intermediate, through the allow-listed root', async () => {
    const res = await call(
      '/payments/x',
      identity(certs.viaIntermediate, certs.intermediate),
      'unbound-token',
    );
    expect([res.status, res.body]).toEqual([
      200,
      expect.objectContaining({
        match: 'CA_SIGNED',
        allow_list_entry: idOf(certs.ca),
        certificate_fingerprint: sha256Hex(certs.viaIntermediate.der),
      }),
    ]);
  });

  it('answers "Client TLS certificate is required" to a client that sends none', async () => {
    const res = await call('/payments/x', undefined, 'unbound-token');
    expect([res.protocol, res.status, res.body]).toEqual([
      version,
      403,
      { error: 'Client TLS certificate is required' },
    ]);
  });
});
