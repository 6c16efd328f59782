import { createHmac, timingSafeEqual } from 'node:crypto';

/** A JWT API's centralised secret settings (classic `jwt_*` fields). */
export interface JwtConfig {
  /** Base64 of the HMAC secret, or of a public key / JWKS URL for other methods. */
  readonly source: string;
  /** `hmac` (Tyk's default when empty), `rsa`, `ecdsa`. */
  readonly signingMethod: string;
  readonly identityBaseField: string;
}

/** The outcome of Tyk's `JWTMiddleware` for a centralised secret, as far as the explainer can tell. */
export type JwtVerdict =
  | { readonly kind: 'VALID'; readonly identity: string; readonly algorithm: string }
  | { readonly kind: 'REFUSED'; readonly status: number; readonly message: string; readonly why: string }
  /** RSA/ECDSA/JWKS sources: the explainer does not verify those. */
  | { readonly kind: 'NOT_VERIFIED'; readonly why: string };

const HASH_OF: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const NOT_AUTHORIZED = 'Key not authorized';

/**
 * Verifies an HMAC JWT with the API's `jwt_source` (the base64 secret), as the Gateway's
 * `JWTMiddleware` does and as the mock gateway models it: signing method, signature, then
 * golang-jwt's time claims, then the identity claim. Other signing methods are reported as not
 * verified rather than guessed. Policies behind the virtual session are not read.
 */
export function verifyJwt(token: string, config: JwtConfig, now: Date): JwtVerdict {
  const jwt = decode(token);
  if (!jwt) return refused(403, NOT_AUTHORIZED, 'The token is not a compact JWT.');
  const method = config.signingMethod || 'hmac';
  if (method !== 'hmac')
    return {
      kind: 'NOT_VERIFIED',
      why: `The API verifies ${method} JWTs; the explainer verifies HMAC only.`,
    };
  const alg = jwt.header.alg;
  const hash = typeof alg === 'string' ? HASH_OF[alg] : undefined;
  if (!hash)
    return refused(403, `${NOT_AUTHORIZED}: Unexpected signing method`, `alg ${String(alg)} is not HMAC.`);
  if (config.source === '' || !BASE64.test(config.source))
    return refused(403, NOT_AUTHORIZED, "The API's jwt_source is not a base64 secret.");
  const expected = createHmac(hash, Buffer.from(config.source, 'base64')).update(jwt.signingInput).digest();
  if (expected.length !== jwt.signature.length || !timingSafeEqual(expected, jwt.signature))
    return refused(403, NOT_AUTHORIZED, "The signature does not verify with the API's secret.");
  const timeError = timeClaimError(jwt.claims, now.getTime() / 1000);
  if (timeError) return refused(401, `${NOT_AUTHORIZED}: ${timeError}`, `The ${timeError}.`);
  const identity = identityOf(jwt.claims, config.identityBaseField);
  if (!identity.ok) return refused(403, identity.error, 'No usable identity claim.');
  return { kind: 'VALID', identity: identity.value, algorithm: alg as string };
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
  const predefined = baseField === '' ? undefined : claims[baseField];
  if (typeof predefined === 'string') {
    if (predefined !== '') return { ok: true, value: predefined };
    return { ok: false, error: `found an empty user ID in predefined base field claim ${baseField}` };
  }
  if (typeof claims.sub !== 'string')
    return { ok: false, error: 'no suitable claims for user ID were found' };
  if (claims.sub === '') return { ok: false, error: 'found an empty user ID in sub claim' };
  return { ok: true, value: claims.sub };
}

interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

function decode(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = segment(parts[0]!);
  const claims = segment(parts[1]!);
  if (!header || !claims) return undefined;
  return {
    header,
    claims,
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2]!, 'base64url'),
  };
}

function segment(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function refused(status: number, message: string, why: string): JwtVerdict {
  return { kind: 'REFUSED', status, message, why };
}
