import { X509Certificate } from 'node:crypto';
import {
  accessRightsRule,
  bindingRule,
  keyActiveRule,
  keyExpiryRule,
  keyFoundRule,
  quotaRule,
  type RuleOutcome,
  rateLimitRule,
  stripBearer,
  tokenPresentRule,
} from '@repo/core/gateway-rules';
import { sha256Hex } from '@repo/core/x509';
import { gatewayError, type Reply } from '../http/reply.ts';
import type { MockStore, StoredKey } from '../state/store.ts';
import { generateToken } from '../tokens/tokens.ts';
import type { GatewayApi } from './gateway-api.ts';

export { stripBearer };

export type AuthOutcome =
  | { readonly ok: true; readonly key: StoredKey }
  | { readonly ok: false; readonly reply: Reply };

/**
 * Auth Token (`AuthKey` middleware), with core's gateway rules: the token, the key it names (a
 * token not found as sent is tried as a custom key name, `generateToken(api org, name)`, as Tyk's
 * session lookup does), then Certificate-Token Binding, which lives inside `AuthKey` in Tyk and so
 * runs before the key expiry and access-rights middlewares.
 */
export function authenticateToken(
  store: MockStore,
  api: GatewayApi,
  raw: string | undefined,
  leaf: Uint8Array | undefined,
  now: Date,
): AuthOutcome {
  const present = tokenPresentRule('AUTH_TOKEN', raw);
  if (present.outcome === 'FAIL') return refuse(present);
  const token = stripBearer(raw!);
  const key = store.keys.get(token) ?? store.keys.get(generateToken(api.orgId, token));
  const found = keyFoundRule(key !== undefined);
  if (found.outcome === 'FAIL') return refuse(found);
  const presented = leaf && {
    sha256: sha256Hex(leaf),
    notAfter: new Date(new X509Certificate(leaf).validTo),
  };
  const binding = bindingRule(
    key!.session,
    { orgId: api.orgId, staticMutualTls: api.useMutualTls },
    presented,
    now,
  );
  if (binding.outcome === 'FAIL') return refuse(binding);
  return { ok: true, key: key! };
}

/** `KeyExpired` (an inactive key first) then `AccessRightsCheck`. */
export function checkSession(key: StoredKey, api: GatewayApi, now: Date): Reply | undefined {
  for (const rule of [
    keyActiveRule(key.session),
    keyExpiryRule(key.session, now),
    accessRightsRule(key.session, api.apiId),
  ])
    if (rule.outcome === 'FAIL') return gatewayError(rule.status, rule.message);
  return undefined;
}

/**
 * `RateLimitAndQuotaCheck` (`SessionLimiter.ForwardMessage`): the rate limit first (the key's
 * window takes the request, core's rule decides), then the quota (the key's counter takes it).
 * Runs last, after the session checks, as in Tyk's chain.
 */
export function checkLimits(store: MockStore, key: StoredKey, api: GatewayApi, now: Date): Reply | undefined {
  const session = key.session as {
    rate?: number;
    per?: number;
    quota_max?: number;
    quota_renewal_rate?: number;
  };
  if (!api.disableRateLimit && (session.rate ?? 0) > 0 && (session.per ?? 0) > 0) {
    const rule = rateLimitRule(session, store.rates.take(key.keyHash, session.rate!, session.per!, now));
    if (rule.outcome === 'FAIL') return gatewayError(rule.status, rule.message);
  }
  if (api.disableQuota || !(typeof session.quota_max === 'number' && session.quota_max > 0)) return undefined;
  const counted = store.quotas.take(key.keyHash, session.quota_renewal_rate ?? 0, now);
  const rule = quotaRule(session, counted);
  return rule.outcome === 'FAIL' ? gatewayError(rule.status, rule.message) : undefined;
}

function refuse(rule: Extract<RuleOutcome<string>, { outcome: 'FAIL' }>): AuthOutcome {
  return { ok: false, reply: gatewayError(rule.status, rule.message) };
}
