import type { Logger } from 'pino';

/** A background job of the server process. */
export interface RepeatingJob {
  /** Runs one round now (tests and start-up); resolves when it has ended, successfully or not. */
  tick(): Promise<void>;
  /** No new round starts; resolves once the current one, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `round` every `intervalMs` (0 = only when ticked), never two at once: a tick during a round
 * joins it. A round that throws is logged, and the next one still comes.
 */
export function repeatingJob(
  round: () => Promise<void>,
  options: { intervalMs: number; log: Logger; name: string; runAtStart?: boolean },
): RepeatingJob {
  let current: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function tick(): Promise<void> {
    current ??= round()
      .catch((error) => options.log.error({ err: error }, `${options.name} crashed`))
      .finally(() => {
        current = undefined;
      });
    return current;
  }

  function schedule(): void {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => void tick().then(schedule), options.intervalMs);
  }

  if (options.runAtStart) void tick().then(schedule);
  else schedule();
  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
