/*
 * The Gateway's token rules after the allow list, as pure functions: what the explainer reports
 * check by check and what the mock gateway answers come from these, so the two cannot differ.
 * Each rule answers its outcome with a reason code; a FAIL carries Tyk's status and message.
 * Sources (TykTechnologies/tyk): gateway/mw_auth_key.go `AuthKey.ProcessRequest` (token, binding),
 * gateway/mw_key_expired_check.go `KeyExpired.ProcessRequest`, gateway/mw_access_rights.go
 * `AccessRightsCheck.ProcessRequest`, gateway/mw_rate_limiting.go
 * `RateLimitAndQuotaCheck.handleQuotaFailure` with gateway/session_manager.go
 * `SessionLimiter.RedisQuotaExceeded` (quota) and `SessionLimiter.newRateLimitChecker` (rate),
 * gateway/middleware.go `handleRateLimitFailure` (429), gateway/handler_error.go (texts).
 */

/** The Gateway's texts, sent as `{"error": message}`. */
export const GATEWAY_MESSAGES = {
  tlsNotEnabled: 'TLS not enabled',
  authFieldMissing: 'Authorization field missing',
  accessDisallowed: 'Access to this API has been disallowed',
  certificateExpired: 'Certificate has expired',
  keyInactive: 'Key is inactive, please renew',
  keyExpired: 'Key has expired, please renew',
  keyNotAuthorized: 'Key not authorized',
  unexpectedSigningMethod: 'Key not authorized: Unexpected signing method',
  quotaExceeded: 'Quota exceeded',
  rateLimitExceeded: 'Rate Limit Exceeded',
} as const;

const MSG = GATEWAY_MESSAGES;

/** One rule's answer: PASS, SKIP (the rule does not apply), or FAIL with the Gateway's reply. */
export type RuleOutcome<Why extends string> =
  | { readonly outcome: 'PASS' | 'SKIP'; readonly why: Why }
  | { readonly outcome: 'FAIL'; readonly why: Why; readonly status: number; readonly message: string };

const ok = <Why extends string>(why: Why) => ({ outcome: 'PASS', why }) as const;
const skip = <Why extends string>(why: Why) => ({ outcome: 'SKIP', why }) as const;
const refuse = <Why extends string>(why: Why, status: number, message: string) =>
  ({ outcome: 'FAIL', why, status, message }) as const;

/** What the session rules read of a key's session (Tyk's `SessionState`). */
export interface SessionFacts {
  readonly is_inactive?: boolean | undefined;
  readonly expires?: number | undefined;
  readonly access_rights?: Record<string, unknown> | null | undefined;
  readonly mtls_static_certificate_bindings?: readonly string[] | null | undefined;
  readonly quota_max?: number | bigint | undefined;
  readonly rate?: number | undefined;
  readonly per?: number | undefined;
}

/** Tyk's `stripBearer`: a case-insensitive `Bearer ` prefix is dropped. */
export function stripBearer(token: string): string {
  return token.length > 6 && token.slice(0, 7).toUpperCase() === 'BEARER ' ? token.slice(7) : token;
}

/**
 * The token is present: `AuthKey` answers 401 without one, `JWTMiddleware` 400, same text.
 */
export function tokenPresentRule(auth: 'AUTH_TOKEN' | 'JWT', token: string | undefined) {
  if (token === undefined) return refuse('MISSING', auth === 'JWT' ? 400 : 401, MSG.authFieldMissing);
  return ok('PRESENT');
}

/** A token that names no key: 403, as `AuthKey` answers for a key not found. */
export function keyFoundRule(found: boolean) {
  return found ? ok('FOUND') : refuse('UNKNOWN', 403, MSG.accessDisallowed);
}

/**
 * Certificate-Token Binding, inside `AuthKey` (so before expiry and rights): only when the session
 * has bindings and the API uses static mTLS; only the leaf is compared, as the API's org id + its
 * SHA-256, so a bound CA never matches. A mismatch is 401 (Tyk registers `auth.cert_mismatch` with
 * StatusUnauthorized on purpose); an expired leaf 403.
 */
export function bindingRule(
  session: SessionFacts,
  api: { readonly orgId: string; readonly staticMutualTls: boolean },
  leaf: { readonly sha256: string; readonly notAfter: Date } | undefined,
  now: Date,
) {
  const bindings = session.mtls_static_certificate_bindings ?? [];
  if (bindings.length === 0) return skip('NO_BINDINGS');
  if (!api.staticMutualTls || !leaf) return skip('NOT_STATIC_MTLS');
  if (now.getTime() > leaf.notAfter.getTime()) return refuse('LEAF_EXPIRED', 403, MSG.certificateExpired);
  if (bindings.includes(api.orgId + leaf.sha256)) return ok('BOUND');
  return refuse('NOT_BOUND', 401, MSG.accessDisallowed);
}

/** `KeyExpired`, first half: an inactive key is refused before its expiry is read. */
export function keyActiveRule(session: SessionFacts) {
  return session.is_inactive === true ? refuse('INACTIVE', 403, MSG.keyInactive) : ok('ACTIVE');
}

/** `KeyExpired`: `expires` below 1 never expires; past it, 401. */
export function keyExpiryRule(session: SessionFacts, now: Date) {
  const expires = typeof session.expires === 'number' ? session.expires : 0;
  if (expires < 1) return ok('NEVER_EXPIRES');
  if (now.getTime() > expires * 1000) return refuse('EXPIRED', 401, MSG.keyExpired);
  return ok('NOT_EXPIRED');
}

/**
 * `AccessRightsCheck`: a session with no access rights at all is let through ("nothing in our
 * profile"); otherwise the API must be among them. API versions are not modelled.
 */
export function accessRightsRule(session: SessionFacts, apiId: string) {
  const granted = grantedApis(session);
  if (granted.length === 0) return ok('NO_RIGHTS_AT_ALL');
  return granted.includes(apiId) ? ok('GRANTED') : refuse('NOT_GRANTED', 403, MSG.accessDisallowed);
}

/** The access rights a session grants, for explanations. */
export function grantedApis(session: SessionFacts): string[] {
  const rights = session.access_rights;
  return typeof rights === 'object' && rights !== null ? Object.keys(rights) : [];
}

/**
 * The quota, after the key's counter took this request (`counted`: requests in the current
 * period, this one included). As `RedisQuotaExceeded`: a `quota_max` of 0 or less is no quota; the
 * request is refused once `counted - 1 >= quota_max`, so `quota_max` requests pass per period and
 * refused ones still count. The counter itself is the gateway's state (Redis in Tyk), not a rule.
 */
export function quotaRule(session: SessionFacts, counted: number) {
  // An int64; past 2^53 it rounds, which no period's count comes near.
  const max = Number(session.quota_max ?? 0);
  if (max <= 0) return skip('UNLIMITED');
  return counted - 1 >= max ? refuse('EXCEEDED', 403, MSG.quotaExceeded) : ok('WITHIN');
}

/**
 * The rate limit, once the gateway's limiter said whether this request fits the key's window
 * (`admitted`). As `newRateLimitChecker`: a `rate` of 0 or less is no limit; a refusal is 429
 * "Rate Limit Exceeded", checked before the quota (a refused request does not count against it).
 */
export function rateLimitRule(session: SessionFacts, admitted: boolean) {
  if ((session.rate ?? 0) <= 0) return skip('UNLIMITED');
  return admitted ? ok('WITHIN') : refuse('EXCEEDED', 429, MSG.rateLimitExceeded);
}
