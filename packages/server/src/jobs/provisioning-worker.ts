import type { Core } from '@repo/core';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';

export interface ProvisioningWorker {
  /** Runs due jobs now (tests); resolves when the round, and any round it asked for, has ended. */
  tick(): Promise<void>;
  /** Resolves once the worker hears queued jobs (LISTEN in place, or given up on). */
  readonly ready: Promise<void>;
  /** No new round starts; resolves once the current one, if any, has finished. */
  stop(): Promise<void>;
}

export interface ProvisioningWorkerOptions {
  /** How often to look for due jobs besides being woken (0: only when woken). */
  readonly intervalMs: number;
  readonly logger: Logger;
  /** `portal_provisioning_jobs_total`, when metrics are served. */
  readonly jobs?: Counter<'outcome'>;
  /** Jobs claimed per round, and run at once (defaults 50 and 4). */
  readonly limit?: number;
  readonly concurrency?: number;
}

/**
 * Runs queued jobs (provisioning, convergence, webhook deliveries): woken whenever any replica
 * commits a statement that queues one (core's `jobs_queued` NOTIFY), and every `intervalMs` for
 * retries that come due and as the fallback when LISTEN is not possible. Safe beside other
 * replicas: core claims jobs with SKIP LOCKED, so each job runs once.
 */
export function startProvisioningWorker(core: Core, options: ProvisioningWorkerOptions): ProvisioningWorker {
  const log = options.logger.child({ job: 'provisioning-worker' });
  let current: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function round(): Promise<void> {
    do {
      again = false;
      try {
        // A full batch may leave more due: go round again before sleeping.
        let ran: number;
        do {
          ran = await core.provisioning.runDue({ limit: options.limit, concurrency: options.concurrency });
          options.jobs?.inc({ outcome: 'run' }, ran);
          if (ran > 0) log.info({ ran }, 'provisioning jobs ran');
        } while (!stopped && ran >= (options.limit ?? 50));
      } catch (error) {
        options.jobs?.inc({ outcome: 'failed' });
        log.error({ err: error }, 'provisioning round crashed');
      }
    } while (again && !stopped);
  }

  function tick(): Promise<void> {
    if (current) {
      again = true; // woken mid-round: the job may have been queued after this round claimed
      return current;
    }
    current = round().finally(() => {
      current = undefined;
    });
    return current;
  }

  function schedule(): void {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => void tick().then(schedule), options.intervalMs);
  }

  const listening = core.provisioning
    .onWork(() => {
      if (!stopped) void tick();
    })
    .catch((error: unknown) =>
      log.warn({ err: error }, 'cannot LISTEN for queued jobs: they wait for the next poll'),
    );
  schedule();
  return {
    tick,
    ready: listening,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await listening;
      await core.provisioning.onWork(undefined);
      await current;
    },
  };
}
