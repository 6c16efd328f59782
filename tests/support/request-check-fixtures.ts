import type { RequestCheckReport, Result } from '@repo/core';
import { makeCertificate, pemBundle, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import type { MockSeed } from '@repo/mock-dashboard';
import { expect } from 'vitest';
import { ADMIN, type CoreHarness, ORG_ID } from './core-harness.ts';
import { callGateway, type GatewayAnswer } from './gateway-client.ts';

export const API_ID = 'c3e1a0f4b5d64e8f9a0b1c2d3e4f5a6b';
export const LISTEN_PATH = '/checked/';
const DAY = 86_400_000;

/** The certificates of the outcome table, made once per file. */
export interface CheckCertificates {
  /** Exactly allow-listed client certificate. */
  readonly good: TestCertificate;
  /** Also allow-listed; the bound key is bound to `good`, not to this one. */
  readonly other: TestCertificate;
  /** On no allow list. */
  readonly stranger: TestCertificate;
  /** Allow-listed, expired yesterday. */
  readonly expired: TestCertificate;
  readonly ca: TestCertificate;
  /** Signed by `ca`; no EKU, which Go's Verify (serverAuth by default) accepts. */
  readonly caLeaf: TestCertificate;
}

export async function makeCheckCertificates(): Promise<CheckCertificates> {
  const ca = await makeCertificate({ ca: true, name: 'CN=Request Check CA' });
  const now = Date.now();
  return {
    good: await makeCertificate({ name: 'CN=good client' }),
    other: await makeCertificate({ name: 'CN=other client' }),
    stranger: await makeCertificate({ name: 'CN=stranger' }),
    expired: await makeCertificate({
      name: 'CN=expired client',
      notBefore: new Date(now - 10 * DAY),
      notAfter: new Date(now - DAY),
    }),
    ca,
    caLeaf: await makeCertificate({ name: 'CN=leaf of the CA', issuer: ca, eku: null }),
  };
}

/** The Tyk id of a certificate in the portal's org. */
export const idOf = (cert: TestCertificate): string => ORG_ID + sha256Hex(cert.der);

/** A classic Auth Token + static mTLS API at LISTEN_PATH. */
export function classicApi(allowList: readonly string[], extra: Record<string, unknown> = {}) {
  return {
    api_definition: {
      api_id: API_ID,
      org_id: ORG_ID,
      name: 'Checked API',
      active: true,
      use_standard_auth: true,
      use_mutual_tls_auth: true,
      client_certificates: [...allowList],
      proxy: { listen_path: LISTEN_PATH },
      ...extra,
    },
  };
}

/** A key with access to API_ID unless the session says otherwise. */
export function keySeed(keyId: string, session: Record<string, unknown> = {}) {
  return {
    keyId,
    session: {
      org_id: ORG_ID,
      access_rights: { [API_ID]: { api_id: API_ID, versions: ['Default'] } },
      ...session,
    },
  };
}

export async function seed(h: CoreHarness, seedBody: MockSeed): Promise<void> {
  await h.control('POST', '/_mock/seed', seedBody);
}

/** What the client presents: a chain (leaf first) and the leaf's key. */
export const presenting = (...chain: TestCertificate[]) => ({
  cert: pemBundle(...chain),
  key: chain[0]!.keyPem,
});

/** The explainer's report and a real TLS request's answer for the same certificate and token. */
export async function explainAndSend(
  h: CoreHarness,
  client: { cert: string; key: string },
  token: string | undefined,
  apiId = API_ID,
  listenPath = LISTEN_PATH,
): Promise<{ report: RequestCheckReport; answer: GatewayAnswer }> {
  const result: Result<RequestCheckReport, Error> = await h.core.requestCheck.explain(
    { providerId: h.provider.id, apiId, pem: client.cert, token },
    ADMIN,
  );
  if (!result.ok) throw result.error;
  const answer = await callGateway(h.mock, `${listenPath}orders`, {
    cert: { pem: client.cert, keyPem: client.key },
    ...(token === undefined ? {} : { token }),
  });
  return { report: result.value, answer };
}

/** The explainer predicts exactly what the Gateway answered: status and `{"error"}` text, or a pass. */
export function expectAgreement(report: RequestCheckReport, answer: GatewayAnswer): void {
  if (answer.status === 200) {
    expect(report.firstFailure).toBeNull();
    expect(report.unverified).toEqual([]);
    expect(report.wouldPass).toBe(true);
    return;
  }
  expect(report.wouldPass).toBe(false);
  expect({ status: report.firstFailure?.status, body: report.firstFailure?.body }).toEqual({
    status: answer.status,
    body: answer.body,
  });
}
