import type { ImportProgress } from './certificate-import.ts';

/** Progress of one import, under the key its caller chose (the subscription follows that key). */
export interface KeyedImportProgress extends ImportProgress {
  readonly key: string;
}

type Listener = (event: KeyedImportProgress) => void;

/**
 * In-process fan-out of import progress, as SyncEvents is for sync runs: an import runs inside its
 * caller's request, so only this process can see it.
 */
export class ImportEvents {
  readonly #listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: KeyedImportProgress): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's failure must not stop the import or the other subscribers.
      }
    }
  }
}
