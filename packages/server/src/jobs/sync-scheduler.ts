import { type Core, systemActor } from '@repo/core';
import type { Logger } from 'pino';
import { type RepeatingJob, repeatingJob } from './repeating-job.ts';

/** `tick()` resolves when every provider has been tried. */
export type SyncScheduler = RepeatingJob;

/**
 * Syncs every provider every `intervalMs`, one after the other. Safe beside other replicas: core
 * lets one run per provider start across all of them, and the others' SYNC_ALREADY_RUNNING or a
 * HELD run waiting for an admin are expected answers, not failures.
 */
export function startSyncScheduler(
  core: Core,
  options: { intervalMs: number; logger: Logger },
): SyncScheduler {
  const log = options.logger.child({ job: 'sync-scheduler' });
  const actor = systemActor('sync-scheduler');
  let stopped = false;

  async function round(): Promise<void> {
    for (const provider of await core.providers.all()) {
      if (stopped) return;
      try {
        const result = await core.sync.run(provider.id, 'SCHEDULE', actor);
        if (result.ok) {
          const { status, added, restored, softDeleted, error } = result.value;
          log.info(
            { provider: provider.name, status, added, restored, softDeleted, error },
            'sync run ended',
          );
        } else if (result.error.code === 'SYNC_ALREADY_RUNNING') {
          log.info({ provider: provider.name, code: result.error.code }, 'sync skipped');
        } else {
          log.warn({ provider: provider.name, code: result.error.code }, result.error.message);
        }
      } catch (error) {
        log.error({ provider: provider.name, err: error }, 'sync run crashed');
      }
    }
  }

  const job = repeatingJob(round, { intervalMs: options.intervalMs, log, name: 'sync round' });
  return {
    tick: job.tick,
    async stop() {
      stopped = true;
      await job.stop();
    },
  };
}
