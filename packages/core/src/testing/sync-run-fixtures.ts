import type { Db } from '../db/open-database.ts';
import { type SyncRunStatus, syncRuns } from '../db/schema/sync-runs.ts';

export interface TestSyncRun {
  readonly startedAt: Date;
  /** A finished status (default SUCCEEDED): the row ends when it starts. */
  readonly status?: Exclude<SyncRunStatus, 'RUNNING' | 'HELD'>;
}

/** Inserts finished scheduled runs of one provider in one statement, as a long-running scheduler leaves them. */
export async function insertTestSyncRuns(db: Db, providerId: string, runs: readonly TestSyncRun[]) {
  if (runs.length === 0) return [];
  return db
    .insert(syncRuns)
    .values(
      runs.map(({ startedAt, status = 'SUCCEEDED' }) => ({
        providerId,
        trigger: 'SCHEDULE' as const,
        status,
        startedAt,
        finishedAt: startedAt,
        error: status === 'FAILED' ? 'test failure' : null,
      })),
    )
    .returning();
}
