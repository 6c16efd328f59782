import { listen } from '../db/notifications.ts';
import type { Db } from '../db/open-database.ts';

/** Where the database announces each status change of an access request (migration 20261203173001). */
export const ACCESS_REQUEST_STATUS_CHANNEL = 'access_request_status';

/**
 * Status changes of access requests as they commit, from any replica: one LISTEN for the whole
 * process, fanned out to the subscribers of each request id. The `accessRequestStatus`
 * subscription waits on this instead of reading the database every 300 ms per stream.
 */
export class AccessRequestEvents {
  readonly #db: Db;
  readonly #subscribers = new Map<string, Set<() => void>>();
  #listening: Promise<() => Promise<void>> | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Calls `onChange` after each committed status change of request `id`, until unsubscribed. */
  async subscribe(id: string, onChange: () => void): Promise<() => void> {
    let subscribers = this.#subscribers.get(id);
    if (!subscribers) {
      subscribers = new Set();
      this.#subscribers.set(id, subscribers);
    }
    subscribers.add(onChange);
    const unsubscribe = () => {
      subscribers.delete(onChange);
      if (subscribers.size === 0 && this.#subscribers.get(id) === subscribers) this.#subscribers.delete(id);
    };
    try {
      await this.ready();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Resolves once LISTEN is in place (the first subscription starts it). */
  ready(): Promise<void> {
    this.#listening ??= listen(this.#db, ACCESS_REQUEST_STATUS_CHANNEL, (id) => this.#tell(id)).catch(
      (error: unknown) => {
        this.#listening = undefined; // the next subscriber tries again
        throw error;
      },
    );
    return this.#listening.then(() => undefined);
  }

  /** Subscribers currently waiting, for metrics and tests. */
  get size(): number {
    let n = 0;
    for (const set of this.#subscribers.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    const listening = this.#listening;
    this.#listening = undefined;
    this.#subscribers.clear();
    if (listening) await (await listening.catch(() => async () => {}))();
  }

  #tell(id: string): void {
    for (const onChange of [...(this.#subscribers.get(id) ?? [])]) {
      try {
        onChange();
      } catch {
        // One subscriber's failure must not keep the others from hearing.
      }
    }
  }
}
