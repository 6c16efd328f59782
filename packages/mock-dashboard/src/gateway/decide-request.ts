import type { IncomingHttpHeaders } from 'node:http';
import type { AllowListDecision } from '@repo/core/x509';
import { gatewayError, jsonReply, type Reply } from '../http/reply.ts';
import type { MockStore } from '../state/store.ts';
import type { AllowListCache } from './allow-list-cache.ts';
import type { GatewayApi } from './gateway-api.ts';
import { MSG } from './gateway-messages.ts';
import { authenticateJwt } from './jwt-auth.ts';
import { authenticateToken, checkLimits, checkSession } from './token-auth.ts';

export interface GatewayEnv {
  readonly store: MockStore;
  readonly allowLists: AllowListCache;
  readonly now: () => Date;
}

/** One request as the middleware chain sees it. */
export interface GatewayCall {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** False on the optional plain-HTTP listener (Go's `r.TLS == nil`). */
  readonly encrypted: boolean;
  /** DER, leaf first: the certificates the client sent. */
  readonly peers: readonly Uint8Array[];
}

/**
 * Tyk's chain for one API (`gateway/api_loader.go` `Gateway.processSpec`): `CertificateCheckMW`
 * (static mTLS only) → `AuthKey` (incl. Certificate-Token Binding) or `JWTMiddleware` →
 * `KeyExpired` → `AccessRightsCheck` → `RateLimitAndQuotaCheck` (rate, then quota; Auth Token keys). The first refusal answers; an admitted request echoes what
 * was decided.
 */
export function decideRequest(env: GatewayEnv, api: GatewayApi, call: GatewayCall): Reply {
  const now = env.now();
  let decision: Extract<AllowListDecision, { allowed: true }> | undefined;
  if (api.useMutualTls) {
    if (!call.encrypted) return gatewayError(403, MSG.tlsNotEnabled);
    const result = env.allowLists.get(api).decide(call.peers, now);
    if (!result.allowed) return gatewayError(result.status, result.message);
    decision = result;
  }
  let keyId: string | null = null;
  if (api.enableJwt) {
    const jwt = authenticateJwt(api, header(call.headers, api.jwtHeader), now);
    if (!jwt.ok) return jwt.reply;
    keyId = jwt.keyId;
  } else if (!api.useKeyless) {
    const auth = authenticateToken(env.store, api, header(call.headers, api.tokenHeader), call.peers[0], now);
    if (!auth.ok) return auth.reply;
    const refused = checkSession(auth.key, api, now) ?? checkLimits(env.store, auth.key, api, now);
    if (refused) return refused;
    keyId = auth.key.keyId;
  }
  return jsonReply(200, {
    api_id: api.apiId,
    api_name: api.name,
    key_id: keyId,
    certificate_fingerprint: decision?.leafSha256 ?? null,
    certificate_id: decision ? api.orgId + decision.leafSha256 : null,
    match: decision?.match ?? null,
    allow_list_entry: decision?.entryId ?? null,
    method: call.method,
    path: call.path,
  });
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
