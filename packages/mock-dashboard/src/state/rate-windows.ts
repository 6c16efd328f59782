/**
 * The Gateway's rate limiter as a single Tyk node runs it: the DRL's in-memory bucket
 * (gateway/session_manager.go `SessionLimiter.limitDRL`, internal/memorycache/bucket.go `Bucket`).
 * A key's bucket holds `rate` requests and is full again `per` seconds after it was made (or last
 * refilled), whatever was used: a fixed window that starts with the key's first request. A refused
 * request takes nothing. Tyk names the bucket after the key and its `last_updated`, so writing a
 * key starts a fresh one unless the write says `suppress_reset=1`; here the write resets it.
 */
export class RateWindows {
  readonly #windows = new Map<string, { remaining: number; resetsAt: number }>();

  /** Takes one request of `keyHash` at `now`: false when the window has none left. */
  take(keyHash: string, rate: number, perSeconds: number, now: Date): boolean {
    const at = now.getTime();
    let window = this.#windows.get(keyHash);
    if (!window || at > window.resetsAt) {
      window = { remaining: Math.floor(rate), resetsAt: at + perSeconds * 1000 };
      this.#windows.set(keyHash, window);
    }
    if (window.remaining < 1) return false;
    window.remaining--;
    return true;
  }

  reset(keyHash: string): void {
    this.#windows.delete(keyHash);
  }

  clear(): void {
    this.#windows.clear();
  }
}
