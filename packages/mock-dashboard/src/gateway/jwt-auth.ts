import { createHash } from 'node:crypto';
import { verifyJwt } from '@repo/core/gateway-rules';
import { gatewayError, type Reply } from '../http/reply.ts';
import { generateToken } from '../tokens/tokens.ts';
import type { GatewayApi } from './gateway-api.ts';
import { MSG } from './gateway-messages.ts';
import { stripBearer } from './token-auth.ts';

export type JwtOutcome =
  | { readonly ok: true; readonly keyId: string }
  | { readonly ok: false; readonly reply: Reply };

/**
 * Tyk's `JWTMiddleware` for a centralised HMAC secret (`jwt_source`, base64), with core's rule,
 * the one the portal's explainer uses. Only HMAC is modelled: RSA/ECDSA sources are refused as
 * an unverifiable signing method. Policies are not modelled: a valid token is admitted without
 * `jwt_default_policies` [simplification]. There is no Certificate-Token Binding for JWT, as in Tyk.
 */
export function authenticateJwt(api: GatewayApi, raw: string | undefined, now: Date): JwtOutcome {
  if (!raw) return refuse(400, MSG.authFieldMissing);
  const config = {
    source: api.jwtSource,
    signingMethod: api.jwtSigningMethod,
    identityBaseField: api.jwtIdentityBaseField,
  };
  const verdict = verifyJwt(stripBearer(raw), config, now);
  if (verdict.kind === 'NOT_VERIFIED') return refuse(403, MSG.unexpectedSigningMethod);
  if (verdict.kind === 'REFUSED') return refuse(verdict.status, verdict.message);
  // Tyk's virtual session for a centralised JWT: generateToken(org, md5(identity)).
  const keyId = generateToken(api.orgId, createHash('md5').update(verdict.identity).digest('hex'));
  return { ok: true, keyId };
}

function refuse(status: number, message: string): JwtOutcome {
  return { ok: false, reply: gatewayError(status, message) };
}
