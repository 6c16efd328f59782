import type { SessionState } from '../dashboard/dashboard-schemas.ts';
import type { CertificateInfo } from '../x509/certificate-info.ts';
import type { ApiView } from './api-view.ts';
import {
  type Evaluation,
  fail,
  GATEWAY_MESSAGES as MSG,
  notApplicable,
  pass,
  undecided,
} from './evaluation.ts';
import type { JwtVerdict } from './jwt-check.ts';

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
  // JWTMiddleware answers 400 where AuthKey answers 401, with the same text.
  if (token === undefined) return fail(api.auth === 'JWT' ? 400 : 401, MSG.authFieldMissing, NO_TOKEN);
  return pass(api.auth === 'JWT' ? 'A JWT is sent.' : 'A token is sent.');
}

export function tokenKnownCheck({ api, token, key }: TokenFacts): Evaluation {
  if (api.auth !== 'AUTH_TOKEN')
    return notApplicable(api.auth === 'JWT' ? 'JWT APIs look up no key: see JWT_VALID.' : KEYLESS);
  if (token === undefined || key.state === 'NOT_LOOKED_UP') return undecided(NO_TOKEN);
  if (key.state === 'UNKNOWN')
    return fail(403, MSG.accessDisallowed, `The Dashboard has no key ${key.keyId}.`);
  return pass(`The Dashboard has the key ${key.keyId}.`);
}

export function jwtValidCheck({ api, token, jwt }: TokenFacts): Evaluation {
  if (api.auth !== 'JWT') return notApplicable('The API does not use JWT.');
  if (token === undefined || !jwt) return undecided(NO_TOKEN);
  if (jwt.kind === 'NOT_VERIFIED') return undecided(jwt.why);
  if (jwt.kind === 'REFUSED') return fail(jwt.status, jwt.message, jwt.why);
  return pass(`${jwt.algorithm} signature verified with the API's jwt_source; identity ${jwt.identity}.`);
}

/** Certificate-Token Binding (tyk-domain.md §3.3): inside `AuthKey`, so before expiry and rights. */
export function bindingCheck({ api, leaf, key, now }: TokenFacts): Evaluation {
  if (api.auth !== 'AUTH_TOKEN')
    return notApplicable(api.auth === 'JWT' ? 'Tyk has no Certificate-Token Binding for JWT.' : KEYLESS);
  if (key.state !== 'FOUND') return undecided('No key to read bindings from.');
  const bindings = key.session.mtls_static_certificate_bindings ?? [];
  if (bindings.length === 0) return notApplicable('The key has no certificate bindings: no binding check.');
  if (!api.staticMutualTls) return notApplicable('Binding is enforced only on APIs with static mTLS.');
  if (now.getTime() > leaf.notAfter.getTime())
    return fail(403, MSG.certificateExpired, `The leaf expired on ${leaf.notAfter.toISOString()}.`);
  // The API's org id, not the key's, and only the leaf: a bound CA never matches.
  const leafId = api.orgId + leaf.fingerprints.sha256;
  if (bindings.includes(leafId)) return pass(`The key is bound to the leaf (${leafId}).`);
  const bound =
    bindings.slice(0, 5).join(', ') + (bindings.length > 5 ? ` and ${bindings.length - 5} more` : '');
  // 401, not 403: Tyk registers auth.cert_mismatch with StatusUnauthorized on purpose.
  return fail(401, MSG.accessDisallowed, `The key is bound to ${bound}; the leaf is ${leafId}.`);
}

export function keyActiveCheck(facts: TokenFacts): Evaluation {
  const skip = sessionNotChecked(facts);
  if (skip) return skip;
  const { session, keyId } = facts.key as Extract<KeyLookup, { state: 'FOUND' }>;
  if (session.is_inactive === true)
    return fail(403, MSG.keyInactive, `The key ${keyId} is inactive (is_inactive).`);
  return pass('The key is active.');
}

export function keyNotExpiredCheck(facts: TokenFacts): Evaluation {
  const skip = sessionNotChecked(facts);
  if (skip) return skip;
  const { session } = facts.key as Extract<KeyLookup, { state: 'FOUND' }>;
  const expires = session.expires ?? 0;
  if (expires < 1) return pass('The key never expires (expires = 0).');
  const at = new Date(expires * 1000).toISOString();
  if (facts.now.getTime() > expires * 1000) return fail(401, MSG.keyExpired, `The key expired at ${at}.`);
  return pass(`The key expires at ${at}.`);
}

export function accessRightsCheck(facts: TokenFacts): Evaluation {
  const skip = sessionNotChecked(facts);
  if (skip) return skip;
  const { session } = facts.key as Extract<KeyLookup, { state: 'FOUND' }>;
  const granted = Object.keys(session.access_rights ?? {});
  // Tyk lets a session with no access rights at all through ("nothing in our profile").
  if (granted.length === 0) return pass('The key has no access rights at all, which Tyk lets through.');
  if (granted.includes(facts.api.apiId)) return pass(`The key has access rights to ${facts.api.apiId}.`);
  return fail(
    403,
    MSG.accessDisallowed,
    `The key has access rights to ${granted.slice(0, 5).join(', ')}${granted.length > 5 ? ' and more' : ''}, not to ${facts.api.apiId}.`,
  );
}

/** Why a session check is not evaluated, or undefined when there is a key to judge. */
function sessionNotChecked({ api, key }: TokenFacts): Evaluation | undefined {
  if (api.auth === 'KEYLESS') return notApplicable(KEYLESS);
  if (api.auth === 'JWT') return notApplicable(JWT_SESSION);
  if (key.state !== 'FOUND') return undecided('No key to read.');
  return undefined;
}
