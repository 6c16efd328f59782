import { eq } from 'drizzle-orm';
import * as requests from '../access-requests/access-request.repo.ts';
import { systemActor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { KeyRef } from '../dashboard/dashboard-client.ts';
import type { KeyData, SessionState } from '../dashboard/dashboard-schemas.ts';
import { credentials } from '../db/schema/credentials.ts';
import { credentialSource } from '../products/credential-source.ts';
import { Ok, type Result } from '../result.ts';
import { keyIdFor, keySession } from './key-session.ts';
import type { ProvisionContext } from './provision-context.ts';

const actor = systemActor('provisioning');

/** Whether a product's grants hold a Dashboard key (JWT products use the consumer's own JWT). */
export function usesKeys(ctx: Pick<ProvisionContext, 'product'>): boolean {
  return credentialSource(ctx.product.authType) === 'PORTAL_KEY';
}

/**
 * How the portal names the request's key: by the `key_hash` of its credential, or, before one is
 * known, by the key id derived from the request (computed here, never stored or logged).
 */
async function keyRefOf(ctx: ProvisionContext) {
  const credential = await requests.liveCredential(ctx.db, ctx.request.id);
  const ref: KeyRef = credential?.keyHash
    ? { hash: credential.keyHash }
    : { id: keyIdFor(ctx.secrets, ctx.request.id) };
  return { credential, ref };
}

/**
 * Writes the key a live grant holds: access to the product's APIs, the plan's limits and, when the
 * product binds, exactly `bindings`. The key id is derived from the request, so a retry after a
 * lost answer updates the key instead of making a second one, and a key deleted while the grant
 * had no live certificate comes back as the same token. The expiry of an existing credential is
 * kept. A Dashboard failure is the Err.
 */
export async function writeKey(
  ctx: ProvisionContext,
  bindings: readonly string[],
): Promise<Result<WrittenKey, DashboardError>> {
  const { credential, ref } = await keyRefOf(ctx);
  const session = keySession({
    orgId: ctx.provider.orgId,
    product: ctx.product,
    plan: ctx.plan,
    certificateTykIds: bindings,
    accessRequestId: ctx.request.id,
    appId: ctx.app.id,
    now: ctx.now,
  });
  if (credential)
    session.expires = credential.expiresAt ? Math.floor(credential.expiresAt.getTime() / 1000) : 0;
  const updated = await updateIfPresent(ctx, ref, session);
  if (!updated.ok) return updated;
  const created = updated.value === undefined;
  const written = updated.value
    ? Ok(updated.value)
    : await ctx.client.createKey(session, keyIdFor(ctx.secrets, ctx.request.id));
  if (!written.ok) return written;
  const data = written.value;
  await recordAudit(ctx.db, actor, [
    {
      action: created ? 'key.create' : 'key.update',
      subjectType: 'access_request',
      subjectId: ctx.request.id,
      after: { keyHash: data.key_hash ?? null, bindings: session.mtls_static_certificate_bindings },
    },
  ]);
  return Ok({ token: data.key_id, keyHash: data.key_hash ?? null, expires: session.expires ?? 0 });
}

/** The key as written: its token (to seal), its hash and its expiry (0 for none). */
export interface WrittenKey {
  readonly token: string;
  readonly keyHash: string | null;
  readonly expires: number;
}

/**
 * Ok(undefined) when the Dashboard has no such key (404): the caller creates it. A write that keeps
 * the key's limits (a binding change: rotation, suspension, a new certificate) keeps its quota and
 * rate counters, so it cannot hand a consumer a fresh quota; a write that changes them (a plan
 * change) lets Tyk start them again under the new plan.
 */
async function updateIfPresent(
  ctx: ProvisionContext,
  ref: KeyRef,
  session: SessionState,
): Promise<Result<KeyData | undefined, DashboardError>> {
  const existing = await ctx.client.getKey(ref);
  if (!existing.ok) return existing.error.code === 'DASHBOARD_NOT_FOUND' ? Ok(undefined) : existing;
  return ctx.client.updateKey(ref, session, { keepCounters: sameLimits(existing.value.data, session) });
}

/** Rate (`rate` per `per` seconds) and quota (`quota_max` per `quota_renewal_rate`) alike. */
function sameLimits(a: SessionState, b: SessionState): boolean {
  // quota_max is an int64 the portal writes as a bigint and reads back as a number.
  const quota = (s: SessionState) => Number(s.quota_max ?? 0);
  return (
    (a.rate ?? 0) === (b.rate ?? 0) &&
    (a.per ?? 0) === (b.per ?? 0) &&
    quota(a) === quota(b) &&
    (a.quota_renewal_rate ?? 0) === (b.quota_renewal_rate ?? 0)
  );
}

/** Keeps the key's token, sealed, for the owning organisation: one live credential per request. */
export async function storeCredential(ctx: ProvisionContext, key: WrittenKey) {
  const expiresAt = key.expires > 0 ? new Date(key.expires * 1000) : null;
  const live = await requests.liveCredential(ctx.db, ctx.request.id);
  if (live) {
    await ctx.db
      .update(credentials)
      .set({ keyHash: key.keyHash, expiresAt })
      .where(eq(credentials.id, live.id));
    return;
  }
  await ctx.db.insert(credentials).values({
    accessRequestId: ctx.request.id,
    keyHash: key.keyHash,
    tokenCiphertext: ctx.secrets.seal(key.token),
    expiresAt,
  });
}

/**
 * Deletes the request's key when its grant is not live (gone already is fine). `revoke` also ends
 * the credential: a withdrawn grant's token never comes back. A grant that only lost its live
 * certificates keeps its credential, and gets the same token back when one is live again.
 * A Dashboard failure is the Err.
 */
export async function deleteKey(
  ctx: ProvisionContext,
  options: { revoke: boolean },
): Promise<Result<void, DashboardError>> {
  const { credential, ref } = await keyRefOf(ctx);
  const result = await ctx.client.deleteKey(ref);
  if (!result.ok && result.error.code !== 'DASHBOARD_NOT_FOUND') return result;
  const deleted = result.ok;
  if (options.revoke && credential) await requests.revokeCredentials(ctx.db, ctx.request.id, ctx.now);
  if (deleted)
    await recordAudit(ctx.db, actor, [
      {
        action: 'key.delete',
        subjectType: 'access_request',
        subjectId: ctx.request.id,
        before: { keyHash: credential?.keyHash ?? null },
      },
    ]);
  return Ok(undefined);
}
