import { makeCertificate, pemBundle, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import {
  type ClientIdentity,
  type GatewayResponse,
  gatewayGet,
  type TlsChoice,
} from '../../src/testing/index.ts';
import { API_ID, baseSeed, classicApi, ORG, oasApi } from './fixtures.ts';
import { startTestMock, type TestMock } from './mock.ts';

const DAY = 86_400_000;

export const idOf = (cert: TestCertificate) => ORG + sha256Hex(cert.der);

/** The client side of a TLS call: the leaf, then whatever chain the client sends. */
export const identity = (cert: TestCertificate, ...chain: TestCertificate[]): ClientIdentity => ({
  cert: pemBundle(cert, ...chain),
  key: cert.keyPem,
});

/** The certificates of the gateway outcome table. */
export interface GatewayCertificates {
  /** Allow-listed by id; bound to `bound-token` and `expired-bound-token`. */
  readonly exact: TestCertificate;
  /** Allow-listed by id, bound to nothing. */
  readonly other: TestCertificate;
  readonly ca: TestCertificate;
  /** Signed by the allow-listed CA, no EKU: Go's Verify admits it. */
  readonly caSigned: TestCertificate;
  /** Signed by the CA with EKU clientAuth only: Go's Verify (serverAuth by default) refuses it. */
  readonly caSignedClientOnly: TestCertificate;
  /** Signed by a CA with the same name but another key. */
  readonly rogueSigned: TestCertificate;
  /** Allow-listed by id, expired. */
  readonly expired: TestCertificate;
  readonly unknown: TestCertificate;
  /** Allow-listed intermediate CA (signed by `ca`), and a clientAuth-only leaf it signed. */
  readonly intermediate: TestCertificate;
  readonly viaIntermediate: TestCertificate;
}

export interface GatewayFixture {
  readonly mock: TestMock;
  readonly certs: GatewayCertificates;
  call(
    path: string,
    cert: ClientIdentity | undefined,
    token?: string,
    tls?: TlsChoice,
  ): Promise<GatewayResponse>;
}

const access = { [API_ID]: { api_id: API_ID, api_name: 'Payments API', versions: ['Default'] } };

async function makeCertificates(): Promise<GatewayCertificates> {
  const ca = await makeCertificate({ name: 'CN=Test CA', ca: true });
  const rogueCa = await makeCertificate({ name: 'CN=Test CA', ca: true, freshKey: true });
  const intermediate = await makeCertificate({ name: 'CN=Intermediate', ca: true, issuer: ca });
  return {
    ca,
    intermediate,
    exact: await makeCertificate({ name: 'CN=exact client' }),
    other: await makeCertificate({ name: 'CN=other client' }),
    caSigned: await makeCertificate({ name: 'CN=ca-signed', issuer: ca, eku: null }),
    caSignedClientOnly: await makeCertificate({
      name: 'CN=ca-signed client-only',
      issuer: ca,
      eku: ['clientAuth'],
    }),
    rogueSigned: await makeCertificate({ name: 'CN=rogue', issuer: rogueCa, eku: null, freshKey: true }),
    expired: await makeCertificate({
      name: 'CN=expired',
      notBefore: new Date(Date.now() - 9 * DAY),
      notAfter: new Date(Date.now() - DAY),
    }),
    unknown: await makeCertificate({ name: 'CN=unknown' }),
    viaIntermediate: await makeCertificate({
      name: 'CN=via intermediate',
      issuer: intermediate,
      eku: ['clientAuth'],
    }),
  };
}

function keys(exact: TestCertificate) {
  const session = (extra: Record<string, unknown>) => ({ org_id: ORG, access_rights: access, ...extra });
  return [
    { keyId: 'unbound-token', session: session({}) },
    { keyId: 'bound-token', session: session({ mtls_static_certificate_bindings: [idOf(exact)] }) },
    { keyId: 'inactive-token', session: session({ is_inactive: true }) },
    { keyId: 'expired-token', session: session({ expires: Math.floor(Date.now() / 1000) - 60 }) },
    {
      keyId: 'expired-bound-token',
      session: session({ expires: 1, mtls_static_certificate_bindings: [idOf(exact)] }),
    },
    {
      keyId: 'no-rights-token',
      session: session({ access_rights: { 'another-api': { api_id: 'another-api' } } }),
    },
    { keyId: 'empty-rights-token', session: session({ access_rights: {} }) },
    { keyId: 'quota-token', session: session({ quota_max: 2, quota_renewal_rate: 3600 }) },
    {
      keyId: 'rate-token',
      session: session({ rate: 2, per: 3600, quota_max: 5, quota_renewal_rate: 3600 }),
    },
    {
      keyId: 'bound-open-token',
      session: { org_id: ORG, mtls_static_certificate_bindings: [`${ORG}${'e'.repeat(64)}`] },
    },
  ];
}

/**
 * A mock with the Payments API (classic, Auth Token + static mTLS, allow list: exact, other,
 * expired, the CA, the intermediate and one id that resolves to nothing), the Ledger API (OAS,
 * allow list: exact), an `open` API without mTLS, and one key per gateway outcome.
 */
export async function startGatewayFixture(): Promise<GatewayFixture> {
  const certs = await makeCertificates();
  const listed = [certs.exact, certs.other, certs.expired, certs.ca, certs.intermediate];
  const allowList = [...listed.map(idOf), `${ORG}${'d'.repeat(64)}`];
  const mock = await startTestMock({
    gatewayHttpPort: 0,
    seed: baseSeed({
      certificates: listed.map((c) => ({ orgId: ORG, pem: c.pem })),
      apis: [
        classicApi({ client_certificates: allowList }),
        oasApi([idOf(certs.exact)]),
        classicApi({
          id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
          api_id: 'open',
          use_mutual_tls_auth: false,
          proxy: { listen_path: '/open/' },
        }),
      ],
      keys: keys(certs.exact),
    }),
  });
  const call = (path: string, cert: ClientIdentity | undefined, token?: string, tls?: TlsChoice) =>
    gatewayGet(`${mock.gatewayUrl}${path}`, {
      ...(cert ? { identity: cert } : {}),
      ...(token !== undefined ? { headers: { authorization: token } } : {}),
      ...(tls ? { tls } : {}),
    });
  return { mock, certs, call };
}
