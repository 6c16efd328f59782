import type { Core } from '@repo/core';
import type { Logger } from 'pino';

export interface ExpiryScanJob {
  /** Runs one scan now (tests); resolves when it has ended, successfully or not. */
  tick(): Promise<void>;
  /** No new scan starts; resolves once the current one, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Runs core's expiry scan once at start, then every `intervalMs` (daily by default). Safe beside
 * other replicas: core lets one scan run at a time across all of them and records each transition
 * once, so a replica that finds the scan taken (`ran: false`) simply waits for its next turn.
 */
export function startExpiryScan(core: Core, options: { intervalMs: number; logger: Logger }): ExpiryScanJob {
  const log = options.logger.child({ job: 'expiry-scan' });
  let current: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function scan(): Promise<void> {
    const result = await core.expiry.scan();
    if (!result.ok) {
      log.warn({ code: result.error.code }, result.error.message);
      return;
    }
    const { ran, transitions } = result.value;
    if (!ran) {
      log.info('expiry scan skipped: another server is scanning');
      return;
    }
    const expired = transitions.filter((t) => t.status === 'EXPIRED').length;
    log.info({ expiringSoon: transitions.length - expired, expired }, 'expiry scan ended');
  }

  function tick(): Promise<void> {
    current ??= scan()
      .catch((error) => log.error({ err: error }, 'expiry scan crashed'))
      .finally(() => {
        current = undefined;
      });
    return current;
  }

  function schedule(): void {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => void tick().then(schedule), options.intervalMs);
  }

  void tick().then(schedule);
  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
