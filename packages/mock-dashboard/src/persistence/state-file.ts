import { readFile, rename, writeFile } from 'node:fs/promises';
import type { RequestListener } from 'node:http';
import { type MockSeed, type ParsedSeed, seedSchema } from '../control/seed-schema.ts';

/** A state file the mock cannot start from; moving it away starts the mock from its seed. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} is not a mock state file (${reason}); move it away to start from the seed.`);
  }
}

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

  /**
   * The kept state, or undefined when there is none yet. A file that is not a state (bad JSON, or
   * not a seed) is a StateFileError naming it, not a silent reset to the seed.
   */
  async load(): Promise<ParsedSeed | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new StateFileError(this.path, (error as Error).message);
    }
    const seed = seedSchema.safeParse(json);
    if (seed.success) return seed.data;
    const [issue] = seed.error.issues;
    throw new StateFileError(this.path, `${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
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
