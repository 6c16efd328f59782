import { type Core, systemActor } from '@repo/core';
import type { Logger } from 'pino';

export interface SyncScheduler {
  /** Runs one round now (tests); resolves when every provider has been tried. */
  tick(): Promise<void>;
  /** No new round starts; resolves once the current one, if any, has finished. */
  stop(): Promise<void>;
}

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
  let current: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function round(): Promise<void> {
    for (const provider of await core.providers.list()) {
      if (stopped) return;
      try {
        const result = await core.sync.run(provider.id, 'SCHEDULE', actor);
        if (result.ok) {
          const { status, added, restored, softDeleted, error } = result.value;
          log.info(
            { provider: provider.name, status, added, restored, softDeleted, error },
            'sync run ended',
          );
        } else if (result.error.code === 'SYNC_ALREADY_RUNNING' || result.error.code === 'SYNC_HELD') {
          log.info({ provider: provider.name, code: result.error.code }, 'sync skipped');
        } else {
          log.warn({ provider: provider.name, code: result.error.code }, result.error.message);
        }
      } catch (error) {
        log.error({ provider: provider.name, err: error }, 'sync run crashed');
      }
    }
  }

  function tick(): Promise<void> {
    current ??= round()
      .catch((error) => log.error({ err: error }, 'sync round crashed'))
      .finally(() => {
        current = undefined;
      });
    return current;
  }

  function schedule(): void {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => void tick().then(schedule), options.intervalMs);
  }

  schedule();
  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
