/**
 * In-process fan-out of one kind of event (sync progress, import progress): the GraphQL
 * subscriptions read it. Only this process's events are seen; what other replicas do is in the
 * database. A subscriber that throws is skipped: it must not stop the work or the other subscribers.
 */
export class EventHub<T> {
  readonly #listeners = new Set<(event: T) => void>();

  subscribe(listener: (event: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: T): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // See above: one subscriber's failure is its own.
      }
    }
  }
}
