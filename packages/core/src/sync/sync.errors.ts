import { DomainError } from '../errors.ts';

/** Another run of the provider is in progress, here or in another replica. */
export class SyncAlreadyRunningError extends DomainError {
  readonly code = 'SYNC_ALREADY_RUNNING' as const;

  constructor(readonly runId: string) {
    super('A sync of this provider is already running.', { context: { runId } });
  }
}

/** A held run waits for an admin; no new run starts until it is confirmed or discarded. */
export class SyncHeldError extends DomainError {
  readonly code = 'SYNC_HELD' as const;

  constructor(readonly runId: string) {
    super('A held sync of this provider waits for confirmation or discard.', { context: { runId } });
  }
}

/** Confirm or discard of a run that is not HELD. */
export class SyncNotHeldError extends DomainError {
  readonly code = 'SYNC_NOT_HELD' as const;

  constructor(runId: string, status: string) {
    super(`Sync run ${runId} is ${status}, not HELD.`, { context: { runId, status } });
  }
}
