// Test helpers (Shopify cli-kit testing/ui): render the App over a fake terminal, send keys, and
// wait for a frame; a timeout prints the last frame so a failure shows the screen.
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { App, type AppProps } from '../app.tsx';
import { createPortalClient } from '../graphql/client.ts';
import { connect } from '../graphql/connect.ts';

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  esc: '\u001B',
  space: ' ',
  tab: '\t',
  backspace: '\u007F',
  ctrlD: '\u0004',
  ctrlR: '\u0012',
  ctrlF: '\u0006',
} as const;

export interface RenderedApp {
  /** The last frame as text (colours stripped). */
  lastFrame(): string;
  /** The last frame with its ANSI colours. */
  rawFrame(): string;
  /** Writes each argument as one chunk, letting the app settle after each. */
  press(...keys: string[]): Promise<void>;
  /** Types text one character at a time (as a person does). */
  type(text: string): Promise<void>;
  waitFor(predicate: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Resizes the fake terminal, as a window manager or tmux does: the App hears 'resize'. */
  resize(columns: number, rows: number): void;
  unmount(): void;
  readonly frames: string[];
}

export const tick = (ms = 30) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const SETTLE_MS = 150;
const KEY_GAP_MS = 100;

/** The App against a live server at `url`, as `admin`. */
export async function renderApp(
  url: string,
  token: string,
  props: Partial<Omit<AppProps, 'client' | 'viewer' | 'url'>> = {},
): Promise<RenderedApp> {
  const client = createPortalClient({ url, token });
  const viewer = await connect(client, url);
  // The App follows the fake terminal as it follows a real one: its size, then 'resize' events.
  const { size: initial, ...rest } = props;
  const size = { ...(initial ?? { columns: 140, rows: 30 }) };
  const instance = render(<App client={client} viewer={viewer} url={url} {...rest} />);
  // ink-testing-library's terminal is 100 columns wide; Ink reads the width on every render.
  Object.defineProperty(instance.stdout, 'columns', { get: () => size.columns });
  Object.defineProperty(instance.stdout, 'rows', { get: () => size.rows });
  instance.stdout.emit('resize');
  const raw = () => instance.lastFrame() ?? '';
  const frame = () => stripVTControlCharacters(raw());
  const app: RenderedApp = {
    lastFrame: frame,
    rawFrame: raw,
    frames: instance.frames,
    resize(columns, rows) {
      size.columns = columns;
      size.rows = rows;
      instance.stdout.emit('resize');
    },
    async press(...keys) {
      // As in type(): let an input that has just appeared subscribe to stdin. Its first frame can
      // come well before that effect runs on a loaded machine, so give it a generous moment.
      await tick(SETTLE_MS);
      for (const key of keys) {
        instance.stdin.write(key);
        // A component acts on a key with the state of its last render; the next key must wait
        // for the re-render, which a loaded machine can delay well past 30 ms.
        await tick(KEY_GAP_MS);
      }
    },
    async type(text) {
      await tick(SETTLE_MS); // an input that has just appeared subscribes to stdin after its first render
      for (const char of text) {
        instance.stdin.write(char);
        await tick(5);
      }
      await tick();
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const test =
        typeof predicate === 'string'
          ? (f: string) => f.includes(predicate)
          : predicate instanceof RegExp
            ? (f: string) => predicate.test(f)
            : predicate;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (test(frame())) return frame();
        await tick(20);
      }
      throw new Error(`Timed out waiting for ${String(predicate)}. Last frame:\n${frame()}`);
    },
    unmount: () => instance.unmount(),
  };
  return app;
}
