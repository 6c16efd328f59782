import { parseJsonObject } from '../http/read-body.ts';
import { dashboardMessage, jsonReply, type Reply } from '../http/reply.ts';
import { bindingError } from '../state/binding-validation.ts';
import { normaliseSession, parseSession, type SessionInput, sessionBindings } from '../state/sessions.ts';
import type { StoredKey } from '../state/store.ts';
import { generateToken, keyHash } from '../tokens/tokens.ts';
import type { DashboardContext, DashboardHandler, DashboardRequest } from './context.ts';

const MALFORMED = 'Request body malformed.';
const NOT_FOUND = 'Could not retrieve key detail.';

/** Schema `KeyData` of Tyk's Dashboard API (OpenAPI), the answer of every key read and write. */
function keyData(key: StoredKey): Reply {
  return jsonReply(200, { key_id: key.keyId, key_hash: key.keyHash, data: key.session, api_model: {} });
}

function readSession(req: DashboardRequest): SessionInput | undefined {
  const body = parseJsonObject(req.body);
  return body ? parseSession(body) : undefined;
}

/**
 * A key by the id in the path: the token itself, or, for a custom key, the name it was created
 * with (`generateToken(org, name)`), which the Gateway also accepts. With `?hashed=true` the path
 * holds the key's `key_hash` instead (Tyk's key APIs), so a caller need not keep the token.
 */
function findKey(ctx: DashboardContext, req: DashboardRequest): StoredKey | undefined {
  const id = req.params.id!;
  if (req.url.searchParams.get('hashed') === 'true') {
    for (const key of ctx.store.keys.values()) if (key.keyHash === id) return key;
    return undefined;
  }
  return ctx.store.keys.get(id) ?? ctx.store.keys.get(generateToken(req.orgId, id));
}

function saveKey(ctx: DashboardContext, req: DashboardRequest, keyId: string, previous?: StoredKey): Reply {
  const input = readSession(req);
  if (!input) return dashboardMessage(403, MALFORMED);
  const bindings = input.mtls_static_certificate_bindings ?? [];
  // The Dashboard's own texts are unknown from Tyk's sources; the mock assumes the Gateway's 400
  // texts (`gateway/api.go` `validateMtlsStaticCertificateBindings`).
  const error = bindingError(
    ctx.store,
    req.orgId,
    bindings,
    previous ? sessionBindings(previous.session) : [],
  );
  if (error) return dashboardMessage(400, error);
  const key: StoredKey = {
    keyId,
    keyHash: keyHash(keyId),
    session: normaliseSession(input, req.orgId, ctx.now(), previous?.session),
  };
  ctx.store.keys.set(keyId, key);
  // Writing a key resets its quota and rate window unless asked not to (gateway/api.go
  // `handleAddOrUpdate`, which then also keeps `last_updated`, the rate bucket's name).
  if (req.url.searchParams.get('suppress_reset') !== '1') {
    ctx.store.quotas.reset(key.keyHash);
    ctx.store.rates.reset(key.keyHash);
  } else if (previous) key.session.last_updated = previous.session.last_updated;
  return keyData(key);
}

/** `POST /api/keys`: a random key in Tyk's token format. */
export const createKey: DashboardHandler = (ctx, req) => saveKey(ctx, req, generateToken(req.orgId));

/**
 * `POST /api/keys/{keyId}`: a custom key. As the Gateway does, the stored token is
 * `generateToken(org, keyId)`; posting the same id again overwrites it (idempotent for retries).
 */
export const createCustomKey: DashboardHandler = (ctx, req) => {
  const keyId = generateToken(req.orgId, req.params.id!);
  return saveKey(ctx, req, keyId);
};

/**
 * `GET /api/keys/{keyId}`: with a quota, `quota_remaining` is read from the counter, as the
 * Gateway's `handleGetDetail` does (`quota_max` minus the period's count, at least 0).
 */
export const getKey: DashboardHandler = (ctx, req) => {
  const key = findKey(ctx, req);
  if (!key) return dashboardMessage(404, NOT_FOUND);
  if (key.session.org_id !== req.orgId) return dashboardMessage(400, 'Attempted access to non-owned key.');
  const max = typeof key.session.quota_max === 'number' ? key.session.quota_max : 0;
  if (max <= 0) return keyData(key);
  const used = ctx.store.quotas.peek(key.keyHash, ctx.now());
  return keyData({ ...key, session: { ...key.session, quota_remaining: Math.max(0, max - used) } });
};

/**
 * `PUT /api/keys/{keyId}`: replaces the session; only newly added bindings are validated. The
 * quota counter starts again unless `?suppress_reset=1`.
 */
export const putKey: DashboardHandler = (ctx, req) => {
  if (!readSession(req)) return dashboardMessage(403, MALFORMED);
  const key = findKey(ctx, req);
  if (!key) return dashboardMessage(404, NOT_FOUND);
  if (key.session.org_id !== req.orgId) return dashboardMessage(400, 'Attempted access to non-owned key.');
  return saveKey(ctx, req, key.keyId, key);
};

export const deleteKey: DashboardHandler = (ctx, req) => {
  const key = findKey(ctx, req);
  if (!key) return dashboardMessage(404, NOT_FOUND);
  if (key.session.org_id !== req.orgId) return dashboardMessage(400, 'Attempted access to non-owned key.');
  ctx.store.keys.delete(key.keyId);
  ctx.store.quotas.reset(key.keyHash);
  ctx.store.rates.reset(key.keyHash);
  return dashboardMessage(200, 'Key deleted successfully.');
};
