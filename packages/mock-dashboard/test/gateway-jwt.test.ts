import { createHash } from 'node:crypto';
import { makeCertificate, pemBundle, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, signHs256 } from '../src/index.ts';
import { gatewayGet } from '../src/testing/index.ts';
import { baseSeed, classicApi, ORG } from './support/fixtures.ts';
import { startTestMock, type TestMock } from './support/mock.ts';

const SECRET = 'reports-secret';
const now = () => Math.floor(Date.now() / 1000);

let mock: TestMock;
let listed: TestCertificate;
let unlisted: TestCertificate;

const call = (cert: TestCertificate | undefined, authorization?: string, path = '/reports/x') =>
  gatewayGet(`${mock.gatewayUrl}${path}`, {
    ...(cert ? { identity: { cert: pemBundle(cert), key: cert.keyPem } } : {}),
    ...(authorization !== undefined ? { headers: { authorization } } : {}),
  });

beforeAll(async () => {
  listed = await makeCertificate({ name: 'CN=jwt client' });
  unlisted = await makeCertificate({ name: 'CN=jwt stranger' });
  const jwtApi = (id: string, path: string, extra: Record<string, unknown> = {}) =>
    classicApi({
      id,
      api_id: id,
      name: `JWT ${id}`,
      use_standard_auth: false,
      enable_jwt: true,
      jwt_signing_method: 'hmac',
      jwt_source: Buffer.from(SECRET).toString('base64'),
      client_certificates: [ORG + sha256Hex(listed.der)],
      proxy: { listen_path: path },
      ...extra,
    });
  mock = await startTestMock({
    seed: baseSeed({
      certificates: [{ orgId: ORG, pem: listed.pem }],
      apis: [
        jwtApi('reports0000000000000000a', '/reports/'),
        jwtApi('rsa000000000000000000000', '/rsa/', { jwt_signing_method: 'rsa' }),
        jwtApi('claim0000000000000000000', '/claim/', { jwt_identity_base_field: 'user_id' }),
      ],
    }),
  });
});
afterAll(() => mock.close());

describe('JWT + mTLS APIs', () => {
  it('admits a good HS256 token from an allow-listed certificate, with Tyk`s virtual session id', async () => {
    const token = signHs256({ sub: 'user-1', exp: now() + 60 }, SECRET);
    const res = await call(listed, `Bearer ${token}`);
    expect(res.status).toBe(200);
    const md5 = createHash('md5').update('user-1').digest('hex');
    expect(res.body).toMatchObject({ key_id: generateToken(ORG, md5), match: 'EXACT' });
  });

  it('applies the allow list first', async () => {
    const token = signHs256({ sub: 'user-1' }, SECRET);
    expect((await call(undefined, token)).body).toEqual({ error: 'Client TLS certificate is required' });
    expect((await call(unlisted, token)).body).toEqual({
      error: `Certificate with SHA256 ${sha256Hex(unlisted.der)} not allowed`,
    });
  });

  it('answers 400 without a token and 403 "Key not authorized" for a bad signature or garbage', async () => {
    const missing = await call(listed);
    expect([missing.status, missing.body]).toEqual([400, { error: 'Authorization field missing' }]);
    for (const token of [signHs256({ sub: 'user-1' }, 'wrong-secret'), 'not-a-jwt', 'a.b.c']) {
      const res = await call(listed, token);
      expect([res.status, res.body]).toEqual([403, { error: 'Key not authorized' }]);
    }
  });

  it('refuses a non-HMAC algorithm and an API configured for RSA', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u"}').toString('base64url')}.`;
    const res = await call(listed, none);
    expect([res.status, res.body]).toEqual([403, { error: 'Key not authorized: Unexpected signing method' }]);
    const rsa = await call(listed, signHs256({ sub: 'u' }, SECRET), '/rsa/x');
    expect(rsa.body).toEqual({ error: 'Key not authorized: Unexpected signing method' });
  });

  it('answers 401 for time claims, reporting the last failing one as golang-jwt does', async () => {
    const expired = await call(listed, signHs256({ sub: 'u', exp: now() - 10 }, SECRET));
    expect([expired.status, expired.body]).toEqual([401, { error: 'Key not authorized: token has expired' }]);
    const early = await call(listed, signHs256({ sub: 'u', exp: now() - 10, nbf: now() + 600 }, SECRET));
    expect(early.body).toEqual({ error: 'Key not authorized: token is not valid yet' });
  });

  it('needs an identity claim: `sub`, or the configured base field', async () => {
    expect((await call(listed, signHs256({ name: 'x' }, SECRET))).body).toEqual({
      error: 'no suitable claims for user ID were found',
    });
    expect((await call(listed, signHs256({ sub: '' }, SECRET))).body).toEqual({
      error: 'found an empty user ID in sub claim',
    });
    const byField = await call(listed, signHs256({ user_id: 'u-9' }, SECRET), '/claim/x');
    expect(byField.status).toBe(200);
  });
});
