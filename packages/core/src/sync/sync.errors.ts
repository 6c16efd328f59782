import { DomainError } from '../errors.ts';

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const SYNC_ERROR_CODES = {
  SYNC_ALREADY_RUNNING: 'Another run of the provider is in progress.',
  SYNC_NOT_HELD: 'Confirm or discard of a run that is not HELD.',
} as const;

/** Another run of the provider is in progress, here or in another replica. */
export class SyncAlreadyRunningError extends DomainError {
  readonly code = 'SYNC_ALREADY_RUNNING' as const;

  constructor(readonly runId: string) {
    super('A sync of this provider is already running.', { context: { runId } });
  }
}

/** Confirm or discard of a run that is not HELD. */
export class SyncNotHeldError extends DomainError {
  readonly code = 'SYNC_NOT_HELD' as const;

  constructor(runId: string, status: string) {
    super(`Sync run ${runId} is ${status}, not HELD.`, { context: { runId, status } });
  }
}
