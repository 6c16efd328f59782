/**
 * The Gateway's quota counters (Redis `quota-<key hash>` in Tyk: gateway/session_manager.go
 * `SessionLimiter.RedisQuotaExceeded`). Each request with a quota increments its key's counter;
 * the first increment of a period starts the renewal clock (`quota_renewal_rate` seconds, Redis
 * EXPIRE), after which the counter starts again at zero. A period of 0 or less never renews. A key
 * written without `suppress_reset=1` gets a new counter (gateway/api.go `doAddOrUpdate` calls
 * `ResetQuota`), which is how a plan change takes effect at once.
 */
export class QuotaCounters {
  readonly #counters = new Map<string, { count: number; renewsAt: number | undefined }>();

  /** Counts one request of `keyHash` at `now`; answers the period's count, this request included. */
  take(keyHash: string, renewalSeconds: number, now: Date): number {
    const at = now.getTime();
    let counter = this.#counters.get(keyHash);
    if (!counter || (counter.renewsAt !== undefined && at >= counter.renewsAt)) {
      counter = { count: 0, renewsAt: renewalSeconds > 0 ? at + renewalSeconds * 1000 : undefined };
      this.#counters.set(keyHash, counter);
    }
    counter.count++;
    return counter.count;
  }

  /** The count of the current period without taking a request (0 after a renewal or reset). */
  peek(keyHash: string, now: Date): number {
    const counter = this.#counters.get(keyHash);
    if (!counter || (counter.renewsAt !== undefined && now.getTime() >= counter.renewsAt)) return 0;
    return counter.count;
  }

  reset(keyHash: string): void {
    this.#counters.delete(keyHash);
  }

  clear(): void {
    this.#counters.clear();
  }
}
