// Test helpers (Shopify cli-kit testing/ui): render the App over a fake terminal, send keys, and
// wait for a frame; a timeout prints the last frame so a failure shows the screen.
import { stripVTControlCharacters } from 'node:util';
import type { Client } from '@urql/core';
import { render } from 'ink-testing-library';
import { App, type AppProps } from '../app.tsx';
import { createPortalClient } from '../graphql/client.ts';
import { connect } from '../graphql/connect.ts';
import type { Viewer } from '../graphql/operations/viewer.ts';
import type { StubPortal } from './stub-portal.ts';

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
  /**
   * The first frame since the last key (or the last match) that satisfies the predicate, so a
   * state that shows only briefly (a flash while provisioning) is still seen.
   */
  waitFor(predicate: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Resizes the fake terminal, as a window manager or tmux does: the App hears 'resize'. */
  resize(columns: number, rows: number): void;
  unmount(): void;
  readonly frames: string[];
}

export const tick = (ms = 30) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Event-loop turns without a new frame after which the app counts as settled. */
const QUIET_TURNS = 5;

type RenderProps = Partial<Omit<AppProps, 'client' | 'viewer' | 'url'>>;

/** The App against a live server at `url`, as `admin`. */
export async function renderApp(url: string, token: string, props: RenderProps = {}): Promise<RenderedApp> {
  const client = createPortalClient({ url, token });
  const viewer = await connect(client, url);
  return renderWithClient(client, viewer, url, props);
}

/** The admin a stubbed portal's App runs as. */
export const STUB_ADMIN: Viewer = { id: 'usr_stub_admin', name: 'admin', role: 'ADMIN', organisation: null };

/** The App against a stubbed portal (see stub-portal.ts), as STUB_ADMIN. */
export function renderStub(portal: StubPortal, props: RenderProps = {}): RenderedApp {
  return renderWithClient(portal.client, STUB_ADMIN, 'http://stub.invalid/graphql', props);
}

function renderWithClient(client: Client, viewer: Viewer, url: string, props: RenderProps): RenderedApp {
  // The App follows the fake terminal as it follows a real one: its size, then 'resize' events.
  const { size: initial, ...rest } = props;
  const size = { ...(initial ?? { columns: 140, rows: 30 }) };
  const instance = render(<App client={client} viewer={viewer} url={url} {...rest} />);
  // ink-testing-library's terminal is 100 columns wide; Ink reads the width on every render.
  Object.defineProperty(instance.stdout, 'columns', { get: () => size.columns });
  Object.defineProperty(instance.stdout, 'rows', { get: () => size.rows });
  instance.stdout.emit('resize');
  // Settled: React has rendered, committed and run its effects (an input subscribes to stdin in
  // an effect, and a handler sees the state of its last render). React's scheduler and Ink's
  // lone-escape flush both run on setImmediate, so a few quiet turns of the event loop mean no
  // work is pending. No fixed sleep: a loaded machine only makes the turns slower.
  const settle = async () => {
    let seen = instance.frames.length;
    for (let quiet = 0; quiet < QUIET_TURNS; ) {
      await nextTurn();
      if (instance.frames.length === seen) quiet++;
      else {
        seen = instance.frames.length;
        quiet = 0;
      }
    }
  };
  // Frames from this index on answer the next waitFor: those drawn after the last key.
  let since = 0;
  const write = (key: string) => {
    instance.stdin.write(key);
    since = instance.frames.length;
  };
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
      since = instance.frames.length;
    },
    async press(...keys) {
      for (const key of keys) {
        await settle();
        write(key);
      }
      await settle();
    },
    async type(text) {
      for (const char of text) {
        await settle();
        write(char);
      }
      await settle();
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const test =
        typeof predicate === 'string'
          ? (f: string) => f.includes(predicate)
          : predicate instanceof RegExp
            ? (f: string) => predicate.test(f)
            : predicate;
      const deadline = Date.now() + timeoutMs;
      let next = since;
      while (Date.now() < deadline) {
        // No frame since the key: it changed nothing visible, and the screen as it is answers.
        for (let i = Math.min(next, instance.frames.length - 1); i < instance.frames.length; i++) {
          const candidate = stripVTControlCharacters(instance.frames[i] ?? '');
          if (test(candidate)) {
            since = i;
            return candidate;
          }
        }
        next = instance.frames.length;
        await tick(20);
      }
      throw new Error(`Timed out waiting for ${String(predicate)}. Last frame:\n${frame()}`);
    },
    unmount: () => instance.unmount(),
  };
  return app;
}
