import type { Core } from '@repo/core';
import type { Logger } from 'pino';
import { type RepeatingJob, repeatingJob } from './repeating-job.ts';

export type ExpiryScanJob = RepeatingJob;

/**
 * Runs core's expiry scan once at start, then every `intervalMs` (daily by default). Safe beside
 * other replicas: core lets one scan run at a time across all of them and records each transition
 * once, so a replica that finds the scan taken (`ran: false`) simply waits for its next turn.
 */
export function startExpiryScan(core: Core, options: { intervalMs: number; logger: Logger }): ExpiryScanJob {
  const log = options.logger.child({ job: 'expiry-scan' });

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

  return repeatingJob(scan, { intervalMs: options.intervalMs, log, name: 'expiry scan', runAtStart: true });
}
