import { and, desc, eq, getColumns, inArray, sql } from 'drizzle-orm';
import { instantText } from '../db/instant-text.ts';
import type { Db } from '../db/open-database.ts';
import { type SyncRunStatus, syncRuns } from '../db/schema/sync-runs.ts';
import type { KeysetPosition } from '../keyset-page.ts';
import type { SyncRunRow } from './sync.repo.ts';

export interface SyncRunPageQuery {
  readonly providerId: string | undefined;
  /** Any of these statuses; an empty list matches nothing. */
  readonly statuses: readonly SyncRunStatus[] | undefined;
  /** The last row of the previous page: `startedAt` as exact ISO text (microseconds), and its id. */
  readonly after: KeysetPosition | undefined;
  /** Rows to read: the page size + 1, to learn whether another page follows. */
  readonly limit: number;
}

const startedKey = instantText(syncRuns.startedAt);

/** One page of sync runs, newest first (`startedAt`, then id), in ONE statement; `startedKey` is the cursor's instant. */
export function pageSyncRuns(db: Db, q: SyncRunPageQuery): Promise<(SyncRunRow & { startedKey: string })[]> {
  return db
    .select({ ...getColumns(syncRuns), startedKey: startedKey.as('started_key') })
    .from(syncRuns)
    .where(
      and(
        q.providerId === undefined ? undefined : eq(syncRuns.providerId, q.providerId),
        q.statuses === undefined
          ? undefined
          : q.statuses.length === 0
            ? sql`false`
            : inArray(syncRuns.status, [...q.statuses]),
        // A row comparison, so an index scan can start right after the cursor.
        q.after === undefined
          ? undefined
          : sql`(${syncRuns.startedAt}, ${syncRuns.id}) < (${q.after.key}::timestamptz, ${q.after.id}::text)`,
      ),
    )
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(q.limit);
}
