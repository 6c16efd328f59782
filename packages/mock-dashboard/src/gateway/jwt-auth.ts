import { createHash } from 'node:crypto';
import { gatewayError, type Reply } from '../http/reply.ts';
import { generateToken } from '../state/tokens.ts';
import type { GatewayApi } from './gateway-api.ts';
import { MSG } from './gateway-messages.ts';
import { decodeJwt, isHmacAlgorithm, verifyHmac } from './hmac-jwt.ts';
import { stripBearer } from './token-auth.ts';

export type JwtOutcome =
  | { readonly ok: true; readonly keyId: string }
  | { readonly ok: false; readonly reply: Reply };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Tyk's `JWTMiddleware` for a centralised HMAC secret: `jwt_source` holds the secret
 * base64-encoded, as in a Tyk classic definition. Only HMAC is modelled; RSA/ECDSA sources
 * and one-to-one (per-key secret) mapping refuse as an unverifiable token would. Policies are
 * not modelled: a valid token is admitted without `jwt_default_policies` [simplification].
 * There is no Certificate-Token Binding for JWT, as in Tyk.
 */
export function authenticateJwt(api: GatewayApi, raw: string | undefined, now: Date): JwtOutcome {
  if (!raw) return refuse(400, MSG.authFieldMissing);
  const jwt = decodeJwt(stripBearer(raw));
  if (!jwt) return refuse(403, MSG.keyNotAuthorized);
  const method = api.jwtSigningMethod || 'hmac';
  if (method !== 'hmac' || !isHmacAlgorithm(jwt.header.alg)) return refuse(403, MSG.unexpectedSigningMethod);
  if (api.jwtSource === '' || !BASE64.test(api.jwtSource)) return refuse(403, MSG.keyNotAuthorized);
  if (!verifyHmac(jwt, Buffer.from(api.jwtSource, 'base64'))) return refuse(403, MSG.keyNotAuthorized);
  const timeError = timeClaimError(jwt.claims, now.getTime() / 1000);
  if (timeError) return refuse(401, `Key not authorized: ${timeError}`);
  const identity = identityOf(jwt.claims, api.jwtIdentityBaseField);
  if (!identity.ok) return refuse(403, identity.error);
  // Tyk's virtual session for a centralised JWT: generateToken(org, md5(identity)).
  const keyId = generateToken(api.orgId, createHash('md5').update(identity.value).digest('hex'));
  return { ok: true, keyId };
}

/** golang-jwt v4 checks exp, then iat, then nbf; the last failure's text is the one reported. */
function timeClaimError(claims: Record<string, unknown>, now: number): string | undefined {
  let error: string | undefined;
  if (typeof claims.exp === 'number' && now > claims.exp) error = 'token has expired';
  if (typeof claims.iat === 'number' && now < claims.iat) error = 'token used before issued';
  if (typeof claims.nbf === 'number' && now < claims.nbf) error = 'token is not valid yet';
  return error;
}

function identityOf(
  claims: Record<string, unknown>,
  baseField: string,
): { ok: true; value: string } | { ok: false; error: string } {
  if (baseField !== '' && typeof claims[baseField] === 'string') {
    const value = claims[baseField] as string;
    if (value !== '') return { ok: true, value };
    return { ok: false, error: `found an empty user ID in predefined base field claim ${baseField}` };
  }
  if (typeof claims.sub !== 'string')
    return { ok: false, error: 'no suitable claims for user ID were found' };
  if (claims.sub === '') return { ok: false, error: 'found an empty user ID in sub claim' };
  return { ok: true, value: claims.sub };
}

function refuse(status: number, message: string): JwtOutcome {
  return { ok: false, reply: gatewayError(status, message) };
}
