import { readFile, rename, writeFile } from 'node:fs/promises';
import type { RequestListener } from 'node:http';
import type { MockSeed } from '../control/seed-schema.ts';

/**
 * The mock's state on disk, as a seed, so a stand-in Dashboard keeps what clients wrote across
 * restarts (the demo's `pnpm start`). Writes are coalesced: a burst of changes costs one write,
 * made atomically (temporary file, then rename) so a crash leaves the previous state readable.
 */
export class StateFile {
  #dirty = false;
  #writing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly snapshot: () => MockSeed,
    private readonly delayMs = 50,
  ) {}

  /** The kept state, or undefined when there is none yet. Unreadable JSON is an error, not a reset. */
  async load(): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Something changed: write soon. */
  changed(): void {
    this.#dirty = true;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      // A failed background write stays dirty and is retried by the next change or the close.
      this.flush().catch((error: unknown) => console.error(`mock state not saved to ${this.path}:`, error));
    }, this.delayMs);
  }

  /** Writes now if anything changed since the last write; resolves when the file is on disk. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const write = this.#writing.then(async () => {
      if (!this.#dirty) return;
      this.#dirty = false;
      try {
        const temporary = `${this.path}.tmp`;
        await writeFile(temporary, `${JSON.stringify(this.snapshot())}\n`, { mode: 0o600 });
        await rename(temporary, this.path);
      } catch (error) {
        this.#dirty = true;
        throw error;
      }
    });
    this.#writing = write.catch(() => undefined);
    return write;
  }
}

/** Marks `file` changed after every request that may write (anything but GET and HEAD). */
export function savingChanges(listener: RequestListener, file: StateFile): RequestListener {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', () => file.changed());
    listener(req, res);
  };
}
