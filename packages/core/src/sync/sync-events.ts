import type { SyncRunStatus } from '../db/schema/sync-runs.ts';

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

type Listener = (event: SyncProgress) => void;

/**
 * In-process fan-out of sync progress (the GraphQL subscription reads it). Runs started by another
 * replica are not seen here; their outcome is in the sync_runs table.
 */
export class SyncEvents {
  readonly #listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: SyncProgress): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's failure must not stop the sync or the other subscribers.
      }
    }
  }
}
