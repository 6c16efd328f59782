import { GraphQLError } from 'graphql';

/** Open subscriptions a token may hold at once when the server is not told otherwise. */
export const DEFAULT_MAX_SUBSCRIPTIONS_PER_TOKEN = 20;

/**
 * Counts the open subscriptions of each caller, so one token cannot hold thousands of streams open
 * (each one a subscriber in memory and a read per status change). A slot is taken when a
 * subscription starts and given back when its stream ends, however it ends.
 */
export class SubscriptionSlots {
  readonly #max: number;
  readonly #open = new Map<string, number>();

  constructor(max = DEFAULT_MAX_SUBSCRIPTIONS_PER_TOKEN) {
    this.#max = max;
  }

  /** Wraps `stream` in a slot of `holder`'s, or refuses with TOO_MANY_SUBSCRIPTIONS. */
  hold<T>(holder: string, stream: AsyncIterable<T>): AsyncIterable<T> {
    const open = this.#open.get(holder) ?? 0;
    if (open >= this.#max)
      throw new GraphQLError(
        `This token already holds ${this.#max} open subscriptions, the most it may: close one first.`,
        { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: this.#max } },
      );
    this.#open.set(holder, open + 1);
    return this.#released(holder, stream);
  }

  /** Subscriptions `holder` has open now. */
  openFor(holder: string): number {
    return this.#open.get(holder) ?? 0;
  }

  /**
   * `stream` with the slot given back when it ends, errs, or is closed by the client. Not an async
   * generator: a generator's return() waits behind a pending next(), and an idle stream's next()
   * never settles, so a client that went away would hold its slot for ever.
   */
  #released<T>(holder: string, stream: AsyncIterable<T>): AsyncIterable<T> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(holder) ?? 1) - 1;
      if (left <= 0) this.#open.delete(holder);
      else this.#open.set(holder, left);
    };
    const inner = stream[Symbol.asyncIterator]();
    const iterator: AsyncIterator<T> = {
      next: async () => {
        try {
          const result = await inner.next();
          if (result.done) release();
          return result;
        } catch (error) {
          release();
          throw error;
        }
      },
      return: async (value?: unknown) => {
        release();
        return (await inner.return?.(value)) ?? { done: true, value: undefined as T };
      },
      throw: async (error?: unknown) => {
        release();
        if (inner.throw) return inner.throw(error);
        throw error;
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }
}
