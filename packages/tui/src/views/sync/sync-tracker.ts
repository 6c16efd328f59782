// The sync run being watched, outside React: it keeps following the SSE subscription while the
// user looks at other views, and the :sync view shows its progress whenever it is on screen.
import type { Client } from '@urql/core';
import { describeError } from '../../graphql/describe-error.ts';
import type * as G from '../../graphql/generated.ts';
import { type MutationOutcome, mutate } from '../../graphql/mutate.ts';
import {
  type SyncProgress,
  SyncRunProgressSubscription,
  SyncRunStartMutation,
} from '../../graphql/operations/sync.ts';

export interface TrackedRun {
  readonly runId: string;
  readonly providerName: string;
  /** The latest event; null until the first arrives. */
  readonly progress: SyncProgress | null;
  readonly done: boolean;
  /** The subscription failed (the run may still go on). */
  readonly error: string | null;
}

type Listener = () => void;

export class SyncTracker {
  #run: TrackedRun | null = null;
  #listeners = new Set<Listener>();
  #unsubscribe: (() => void) | null = null;

  constructor(private readonly client: Client) {}

  /** The run being watched, if any (useSyncExternalStore snapshot). */
  readonly get = (): TrackedRun | null => this.#run;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Starts a sync of the provider and follows it; `onDone` gets its last event. */
  async start(
    providerId: string,
    onDone: (run: TrackedRun) => void,
  ): Promise<MutationOutcome<G.SyncRunStartMutation['syncRunStart']>> {
    const outcome = await mutate(
      this.client,
      SyncRunStartMutation,
      { provider: providerId },
      (d) => d.syncRunStart,
    );
    if (outcome.ok && outcome.payload.syncRun) {
      const run = outcome.payload.syncRun;
      this.follow(run.id, run.provider?.name ?? 'provider', onDone);
    }
    return outcome;
  }

  /** Follows a run over SSE until its DONE event (the server ends the stream then). */
  follow(runId: string, providerName: string, onDone: (run: TrackedRun) => void): void {
    this.stop();
    this.#set({ runId, providerName, progress: null, done: false, error: null });
    const { unsubscribe } = this.client
      .subscription(SyncRunProgressSubscription, { run: runId })
      .subscribe((result) => {
        const current = this.#run;
        if (!current || current.runId !== runId || current.done) return;
        if (result.error) {
          this.#set({ ...current, error: describeError(result.error), done: true });
          return;
        }
        const progress = result.data?.syncRunProgress;
        if (!progress) return;
        const done = progress.phase === 'DONE';
        this.#set({
          ...current,
          progress,
          providerName: progress.provider?.name ?? current.providerName,
          done,
        });
        if (done) onDone(this.#run!);
      });
    this.#unsubscribe = unsubscribe;
  }

  /** Stops following (the SSE fetch is aborted safely: see graphql/sse-safe-fetch.ts). */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #set(run: TrackedRun): void {
    this.#run = run;
    for (const listener of this.#listeners) listener();
  }
}
