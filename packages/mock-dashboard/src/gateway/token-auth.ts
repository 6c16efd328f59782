import { X509Certificate } from 'node:crypto';
import { sha256Hex } from '@repo/core/x509';
import { gatewayError, type Reply } from '../http/reply.ts';
import { sessionBindings } from '../state/sessions.ts';
import type { MockStore, StoredKey } from '../state/store.ts';
import { generateToken } from '../state/tokens.ts';
import type { GatewayApi } from './gateway-api.ts';
import { MSG } from './gateway-messages.ts';

export type AuthOutcome =
  | { readonly ok: true; readonly key: StoredKey }
  | { readonly ok: false; readonly reply: Reply };

/** Tyk's `stripBearer`: a case-insensitive `Bearer ` prefix is dropped. */
export function stripBearer(token: string): string {
  return token.length > 6 && token.slice(0, 7).toUpperCase() === 'BEARER ' ? token.slice(7) : token;
}

/**
 * Auth Token (`AuthKey` middleware). Certificate-Token Binding lives inside it in Tyk, so it runs
 * BEFORE the key expiry and access-rights middlewares: only when the session has bindings and
 * the API uses static mTLS, and only the leaf is compared, as API org id + its SHA-256.
 * A token that is not found as sent is tried as a custom key name, `generateToken(api org, name)`,
 * as Tyk's session lookup does.
 */
export function authenticateToken(
  store: MockStore,
  api: GatewayApi,
  raw: string | undefined,
  leaf: Uint8Array | undefined,
  now: Date,
): AuthOutcome {
  if (!raw) return refuse(401, MSG.authFieldMissing);
  const token = stripBearer(raw);
  const key = store.keys.get(token) ?? store.keys.get(generateToken(api.orgId, token));
  if (!key) return refuse(403, MSG.accessDisallowed);
  const bindings = sessionBindings(key.session);
  if (bindings.length > 0 && api.useMutualTls && leaf) {
    if (now.getTime() > Date.parse(new X509Certificate(leaf).validTo))
      return refuse(403, MSG.certificateExpired);
    // 401, not 403: Tyk registers auth.cert_mismatch with StatusUnauthorized on purpose.
    if (!bindings.includes(api.orgId + sha256Hex(leaf))) return refuse(401, MSG.accessDisallowed);
  }
  return { ok: true, key };
}

/**
 * `KeyExpired` then `AccessRightsCheck`. An inactive key is checked before expiry. A session
 * with no access rights at all is let through, as Tyk does ("nothing in our profile");
 * API versions are not modelled (every API is treated as not versioned).
 */
export function checkSession(key: StoredKey, api: GatewayApi, now: Date): Reply | undefined {
  const { session } = key;
  if (session.is_inactive === true) return gatewayError(403, MSG.keyInactive);
  const expires = typeof session.expires === 'number' ? session.expires : 0;
  if (expires >= 1 && now.getTime() > expires * 1000) return gatewayError(401, MSG.keyExpired);
  const rights = session.access_rights;
  const granted = typeof rights === 'object' && rights !== null ? Object.keys(rights) : [];
  if (granted.length > 0 && !granted.includes(api.apiId)) return gatewayError(403, MSG.accessDisallowed);
  return undefined;
}

function refuse(status: number, message: string): AuthOutcome {
  return { ok: false, reply: gatewayError(status, message) };
}
