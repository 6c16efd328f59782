import type { SessionState } from '../dashboard/dashboard-schemas.ts';
import type { CertificateInfo } from '../x509/certificate-info.ts';
import type { ApiView } from './api-view.ts';
import { type Evaluation, fail, notApplicable, pass, undecided } from './evaluation.ts';
import type { JwtVerdict } from './jwt-check.ts';
import {
  accessRightsRule,
  bindingRule,
  grantedApis,
  keyActiveRule,
  keyExpiryRule,
  keyFoundRule,
  quotaRule,
  type RuleOutcome,
  tokenPresentRule,
} from './session-rules.ts';

/** The key behind an Auth Token, as the Dashboard answered `GET /api/keys/{id}`. */
export type KeyLookup =
  | { readonly state: 'NOT_LOOKED_UP' }
  | { readonly state: 'UNKNOWN'; readonly keyId: string }
  | { readonly state: 'FOUND'; readonly keyId: string; readonly session: SessionState };

/** What `AuthKey`/`JWTMiddleware`, `KeyExpired` and `AccessRightsCheck` see. */
export interface TokenFacts {
  readonly api: ApiView;
  readonly leaf: CertificateInfo;
  /** As sent, `Bearer ` stripped; undefined when the client sends no Authorization header. */
  readonly token: string | undefined;
  readonly key: KeyLookup;
  /** JWT APIs with a token only. */
  readonly jwt: JwtVerdict | undefined;
  readonly now: Date;
}

const NO_TOKEN = 'No token is sent, so there is nothing to check.';
const KEYLESS = 'The API is keyless: the Gateway reads no token.';
const JWT_SESSION =
  "A JWT's session comes from its policies, which the explainer does not read (nor does the mock gateway).";

export function tokenPresentCheck({ api, token }: TokenFacts): Evaluation {
  if (api.auth === 'KEYLESS') return notApplicable(KEYLESS);
  const rule = tokenPresentRule(api.auth, token);
  if (rule.outcome === 'FAIL') return judged(rule, NO_TOKEN);
  return pass(api.auth === 'JWT' ? 'A JWT is sent.' : 'A token is sent.');
}

export function tokenKnownCheck({ api, token, key }: TokenFacts): Evaluation {
  if (api.auth !== 'AUTH_TOKEN')
    return notApplicable(api.auth === 'JWT' ? 'JWT APIs look up no key: see JWT_VALID.' : KEYLESS);
  if (token === undefined || key.state === 'NOT_LOOKED_UP') return undecided(NO_TOKEN);
  const rule = keyFoundRule(key.state === 'FOUND');
  return judged(
    rule,
    rule.outcome === 'FAIL'
      ? `The Dashboard has no key ${key.keyId}.`
      : `The Dashboard has the key ${key.keyId}.`,
  );
}

export function jwtValidCheck({ api, token, jwt }: TokenFacts): Evaluation {
  if (api.auth !== 'JWT') return notApplicable('The API does not use JWT.');
  if (token === undefined || !jwt) return undecided(NO_TOKEN);
  if (jwt.kind === 'NOT_VERIFIED') return undecided(jwt.why);
  if (jwt.kind === 'REFUSED') return fail(jwt.status, jwt.message, jwt.why);
  return pass(`${jwt.algorithm} signature verified with the API's jwt_source; identity ${jwt.identity}.`);
}

/** Certificate-Token Binding (`bindingRule`): inside `AuthKey`, so before expiry and rights. */
export function bindingCheck({ api, leaf, key, now }: TokenFacts): Evaluation {
  if (api.auth !== 'AUTH_TOKEN')
    return notApplicable(api.auth === 'JWT' ? 'Tyk has no Certificate-Token Binding for JWT.' : KEYLESS);
  if (key.state !== 'FOUND') return undecided('No key to read bindings from.');
  const bindings = key.session.mtls_static_certificate_bindings ?? [];
  const leafId = api.orgId + leaf.fingerprints.sha256;
  const rule = bindingRule(
    key.session,
    api,
    { sha256: leaf.fingerprints.sha256, notAfter: leaf.notAfter },
    now,
  );
  const bound =
    bindings.slice(0, 5).join(', ') + (bindings.length > 5 ? ` and ${bindings.length - 5} more` : '');
  const detail = {
    NO_BINDINGS: 'The key has no certificate bindings: no binding check.',
    NOT_STATIC_MTLS: 'Binding is enforced only on APIs with static mTLS.',
    LEAF_EXPIRED: `The leaf expired on ${leaf.notAfter.toISOString()}.`,
    BOUND: `The key is bound to the leaf (${leafId}).`,
    NOT_BOUND: `The key is bound to ${bound}; the leaf is ${leafId}.`,
  }[rule.why];
  return judged(rule, detail);
}

export function keyActiveCheck(facts: TokenFacts): Evaluation {
  const skipped = sessionNotChecked(facts);
  if (skipped) return skipped;
  const { session, keyId } = facts.key as Extract<KeyLookup, { state: 'FOUND' }>;
  const rule = keyActiveRule(session);
  return judged(
    rule,
    rule.outcome === 'FAIL' ? `The key ${keyId} is inactive (is_inactive).` : 'The key is active.',
  );
}

export function keyNotExpiredCheck(facts: TokenFacts): Evaluation {
  const skipped = sessionNotChecked(facts);
  if (skipped) return skipped;
  const { session } = facts.key as Extract<KeyLookup, { state: 'FOUND' }>;
  const rule = keyExpiryRule(session, facts.now);
  const at = rule.why === 'NEVER_EXPIRES' ? '' : new Date((session.expires ?? 0) * 1000).toISOString();
  const detail = {
    NEVER_EXPIRES: 'The key never expires (expires = 0).',
    EXPIRED: `The key expired at ${at}.`,
    NOT_EXPIRED: `The key expires at ${at}.`,
  }[rule.why];
  return judged(rule, detail);
}

export function accessRightsCheck(facts: TokenFacts): Evaluation {
  const skipped = sessionNotChecked(facts);
  if (skipped) return skipped;
  const { session } = facts.key as Extract<KeyLookup, { state: 'FOUND' }>;
  const granted = grantedApis(session);
  const rule = accessRightsRule(session, facts.api.apiId);
  const detail = {
    NO_RIGHTS_AT_ALL: 'The key has no access rights at all, which Tyk lets through.',
    GRANTED: `The key has access rights to ${facts.api.apiId}.`,
    NOT_GRANTED: `The key has access rights to ${granted.slice(0, 5).join(', ')}${granted.length > 5 ? ' and more' : ''}, not to ${facts.api.apiId}.`,
  }[rule.why];
  return judged(rule, detail);
}

/**
 * The quota as the Gateway would count this request: the key's read (`GET /api/keys`, which fills
 * `quota_remaining` from the Gateway's counter as `handleGetDetail` does) says how many requests
 * of the period are used, and core's `quotaRule` judges the next one. Sends nothing, counts nothing.
 */
export function quotaCheck(facts: TokenFacts): Evaluation {
  const skipped = sessionNotChecked(facts);
  if (skipped) return skipped;
  const { session } = facts.key as Extract<KeyLookup, { state: 'FOUND' }>;
  const max = Number(session.quota_max ?? 0);
  if (max <= 0) return notApplicable('The key has no quota (quota_max of 0 or less).');
  const remaining = Math.max(0, Math.min(max, session.quota_remaining ?? max));
  const rule = quotaRule(session, max - remaining + 1);
  const period =
    (session.quota_renewal_rate ?? 0) > 0 ? `every ${session.quota_renewal_rate} s` : 'that never renews';
  return judged(
    rule,
    rule.outcome === 'FAIL'
      ? `The key has used all ${max} requests of its quota (${period}).`
      : `${remaining} of the key's ${max} requests (${period}) are left.`,
  );
}

/** A rule's outcome as the explainer reports it, with its detail. */
function judged(rule: RuleOutcome<string>, detail: string): Evaluation {
  if (rule.outcome === 'FAIL') return fail(rule.status, rule.message, detail);
  return rule.outcome === 'PASS' ? pass(detail) : notApplicable(detail);
}

/** Why a session check is not evaluated, or undefined when there is a key to judge. */
function sessionNotChecked({ api, key }: TokenFacts): Evaluation | undefined {
  if (api.auth === 'KEYLESS') return notApplicable(KEYLESS);
  if (api.auth === 'JWT') return notApplicable(JWT_SESSION);
  if (key.state !== 'FOUND') return undecided('No key to read.');
  return undefined;
}
