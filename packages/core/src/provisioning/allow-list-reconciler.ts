import { systemActor } from '../actor.ts';
import { type AuditEntry, recordAudit } from '../audit/audit.repo.ts';
import { readAllowList } from '../dashboard/api-allow-list.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import { withLeaseLock } from '../db/lease-lock.ts';
import type { Db } from '../db/open-database.ts';
import type { ProductApi } from '../products/product.ts';
import { Ok, type Result } from '../result.ts';
import { desiredAllowList, placedEntries, recordPlacements } from './desired-state.ts';

const LOCK_WAIT_MS = 30_000;
const actor = systemActor('provisioning');

/** What one reconciliation changed on an API's list. */
export interface AllowListChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Brings one API's allow list to its desired state, both ways: adds every certificate a live grant
 * needs, and removes the entries the portal placed that no live grant needs any more (an entry
 * shared by two grants stays until both are gone; an entry put there by hand is never removed).
 * The Dashboard only offers read-modify-write of whole definitions, so every writer of an API, in
 * any replica, holds the API's lease lock around its GET, the desired-state read and its PUT, and
 * records the placements before releasing it. No transaction stays open across a Dashboard call:
 * on PGlite that would stop every other request of the process for as long as the Dashboard takes.
 * No PUT when nothing changes.
 * A Dashboard failure is the Err.
 */
export async function reconcileAllowList(
  db: Db,
  client: DashboardClient,
  providerId: string,
  api: Pick<ProductApi, 'apiId' | 'apiKind'>,
  now: Date,
  cause: Record<string, unknown> = {},
): Promise<Result<AllowListChange, DashboardError>> {
  return withLeaseLock(
    db,
    `allow-list:${providerId}:${api.apiId}`,
    () => reconcileHeld(db, client, providerId, api, now, cause),
    { waitMs: LOCK_WAIT_MS },
  );
}

/** The reconciliation itself, run under the API's lock: short transactions around the calls. */
async function reconcileHeld(
  db: Db,
  client: DashboardClient,
  providerId: string,
  api: Pick<ProductApi, 'apiId' | 'apiKind'>,
  now: Date,
  cause: Record<string, unknown>,
): Promise<Result<AllowListChange, DashboardError>> {
  const read = await readAllowList(client, api);
  if (!read.ok) return read;
  const list = read.value;
  // Read after the GET, under the lock: a grant committed since is on it, or its own
  // reconciliation (queued with it) waits for this lock and adds it then.
  const desired = await desiredAllowList(db, providerId, api.apiId, now);
  const placed = await placedEntries(db, providerId, api.apiId);
  const wanted = new Set(desired);
  const current = new Set(list.entries);
  const removed = list.entries.filter((id) => placed.has(id) && !wanted.has(id));
  const added = desired.filter((id) => !current.has(id));
  // A placed entry someone already removed by hand, and no grant wants: nothing left to own.
  const gone = [...placed].filter((id) => !wanted.has(id) && !current.has(id));
  if (added.length + removed.length > 0) {
    const drop = new Set(removed);
    const saved = await list.save([...list.entries.filter((id) => !drop.has(id)), ...added]);
    if (!saved.ok) {
      // The PUT may have been written with its answer lost: own what it tried to add (a later
      // run forgets what is not on the list) and keep owning what it tried to remove, so the
      // entries are never mistaken for hand-placed ones.
      await db.transaction((tx) =>
        recordPlacements(tx, providerId, api.apiId, { placed: added, removed: gone }),
      );
      return saved;
    }
  }
  await db.transaction(async (tx) => {
    await recordPlacements(tx, providerId, api.apiId, { placed: added, removed: [...removed, ...gone] });
    await recordAudit(tx, actor, auditOf(api.apiId, { added, removed }, cause));
  });
  return Ok({ added, removed });
}

function auditOf(apiId: string, change: AllowListChange, cause: Record<string, unknown>): AuditEntry[] {
  const entries: AuditEntry[] = [];
  if (change.added.length > 0)
    entries.push({
      action: 'allow_list.add',
      subjectType: 'api',
      subjectId: apiId,
      after: { certificateIds: change.added, ...cause },
    });
  if (change.removed.length > 0)
    entries.push({
      action: 'allow_list.remove',
      subjectType: 'api',
      subjectId: apiId,
      before: { certificateIds: change.removed },
      after: { ...cause },
    });
  return entries;
}
