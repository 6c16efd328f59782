import { z } from 'zod';
import { type Actor, isAdmin } from '../actor.ts';
import { isInstantText } from '../db/instant-text.ts';
import type { Db } from '../db/open-database.ts';
import { SYNC_RUN_STATUSES } from '../db/schema/sync-runs.ts';
import { ForbiddenError, type InvalidInputError } from '../errors.ts';
import { type KeysetConnection, type KeysetPage, keysetConnection, parseKeysetPage } from '../keyset-page.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import type { SyncRunRow } from './sync.repo.ts';
import { pageSyncRuns } from './sync-run-list.repo.ts';

const syncRunFilter = z.object({
  providerId: z.string().min(1).optional(),
  /** Any of these statuses; an empty list matches nothing (as a filter that admits none). */
  status: z.array(z.enum(SYNC_RUN_STATUSES)).optional(),
});
export type SyncRunFilter = z.input<typeof syncRunFilter>;

/**
 * One page of sync runs, newest first (`startedAt`, then id), read in one statement with a keyset
 * cursor, so every run stays reachable however many the scheduler adds. Admins only.
 * Errors: FORBIDDEN, INVALID_INPUT (a filter field, `first`, or an `after` this listing did not make).
 */
export async function listSyncRuns(
  db: Db,
  filter: SyncRunFilter,
  page: KeysetPage,
  actor: Actor,
): Promise<Result<KeysetConnection<SyncRunRow>, ForbiddenError | InvalidInputError>> {
  if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins list sync runs.'));
  const f = parseInput(syncRunFilter, filter);
  if (!f.ok) return f;
  const p = parseKeysetPage('syncRuns', page, isInstantText);
  if (!p.ok) return p;
  const rows = await pageSyncRuns(db, {
    providerId: f.value.providerId,
    statuses: f.value.status,
    after: p.value.after,
    limit: p.value.first + 1,
  });
  return Ok(
    keysetConnection('syncRuns', rows, p.value.first, ({ startedKey, ...node }) => ({
      position: { key: startedKey, id: node.id },
      node,
    })),
  );
}
