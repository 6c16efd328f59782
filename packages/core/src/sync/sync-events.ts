import type { SyncRunStatus } from '../db/schema/sync-runs.ts';
import { EventHub } from '../events/event-hub.ts';

/** What a subscriber to a sync run sees: one event per fetched page, then one per state change. */
export interface SyncProgress {
  readonly runId: string;
  readonly providerId: string;
  readonly status: SyncRunStatus;
  readonly phase: 'FETCHING' | 'APPLYING' | 'DONE';
  readonly pagesFetched: number;
  /** Known after the first page. */
  readonly pagesTotal: number | null;
  readonly counts?: { added: number; restored: number; softDeleted: number; unchanged: number };
  readonly error?: string;
}

/** Progress of sync runs started by this process (runs of other replicas are in sync_runs). */
export class SyncEvents extends EventHub<SyncProgress> {}
