import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyJwt } from './jwt-check.ts';

const SECRET = 'jwt-check-secret';
const config = {
  source: Buffer.from(SECRET).toString('base64'),
  signingMethod: 'hmac',
  identityBaseField: '',
};
const now = new Date('2026-06-01T00:00:00Z');
const seconds = now.getTime() / 1000;

function sign(claims: Record<string, unknown>, alg = 'HS256', secret = SECRET): string {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${segment({ alg, typ: 'JWT' })}.${segment(claims)}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] ?? 'sha256';
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

describe('verifyJwt', () => {
  it('accepts HS256/384/512 with the base64 secret and reads the identity', () => {
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      expect(verifyJwt(sign({ sub: 'alice' }, alg), config, now)).toEqual({
        kind: 'VALID',
        identity: 'alice',
        algorithm: alg,
      });
    }
    expect(
      verifyJwt(sign({ sub: 'a', uid: 'bob' }), { ...config, identityBaseField: 'uid' }, now),
    ).toMatchObject({
      identity: 'bob',
    });
  });

  it.each([
    ['not a JWT', 'abc', 403, 'Key not authorized'],
    ['a wrong secret', sign({ sub: 'a' }, 'HS256', 'other'), 403, 'Key not authorized'],
    ['a non-HMAC alg', sign({ sub: 'a' }, 'RS256'), 403, 'Key not authorized: Unexpected signing method'],
    ['exp in the past', sign({ sub: 'a', exp: seconds - 1 }), 401, 'Key not authorized: token has expired'],
    [
      'nbf in the future',
      sign({ sub: 'a', nbf: seconds + 60 }),
      401,
      'Key not authorized: token is not valid yet',
    ],
    ['no identity', sign({ name: 'a' }), 403, 'no suitable claims for user ID were found'],
    ['an empty sub', sign({ sub: '' }), 403, 'found an empty user ID in sub claim'],
  ])('refuses %s with the Gateway text', (_, token, status, message) => {
    expect(verifyJwt(token, config, now)).toMatchObject({ kind: 'REFUSED', status, message });
  });

  it('refuses when the API has no usable secret, and does not verify RSA sources', () => {
    expect(verifyJwt(sign({ sub: 'a' }), { ...config, source: '' }, now)).toMatchObject({ status: 403 });
    expect(verifyJwt(sign({ sub: 'a' }), { ...config, signingMethod: 'rsa' }, now)).toMatchObject({
      kind: 'NOT_VERIFIED',
    });
  });
});
