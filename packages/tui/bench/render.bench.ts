// `pnpm bench`: the certificates table with 10,000 certificates, against a live in-process server.
// The server runs in a child process, as in real use. Prints JSON lines: seeding, time to the first
// frame showing rows, and key press → next frame while scrolling (target ≤ 50 ms), wall and CPU.
// BENCH_CERTIFICATES overrides the count.
import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { insertTestCertificates } from '@repo/core/testing';
import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../src/app.tsx';
import { createPortalClient } from '../src/graphql/client.ts';
import { connect } from '../src/graphql/connect.ts';
import { startLiveServer } from '../test/support/live-server.ts';

const COUNT = Number(process.env.BENCH_CERTIFICATES ?? 10_000);
const COLUMNS = 160;
const ROWS = 45;
const DAY = 86_400_000;

/** A terminal that records when each frame was written. */
class Terminal extends EventEmitter {
  readonly columns = COLUMNS;
  readonly rows = ROWS;
  readonly isTTY = false;
  last = '';
  write = (frame: string): boolean => {
    this.last = frame;
    this.emit('frame', frame);
    return true;
  };
}

class Keyboard extends EventEmitter {
  readonly isTTY = true;
  #data: string | null = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = (): string | null => {
    const data = this.#data;
    this.#data = null;
    return data;
  };
  press(data: string) {
    this.#data = data;
    this.emit('readable');
  }
}

const nextFrame = (terminal: Terminal, test: (frame: string) => boolean = () => true, timeoutMs = 30_000) =>
  new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no frame within ${timeoutMs} ms; last:\n${terminal.last}`)),
      timeoutMs,
    );
    const listener = (frame: string) => {
      if (!test(frame)) return;
      clearTimeout(timer);
      terminal.off('frame', listener);
      resolve(frame);
    };
    terminal.on('frame', listener);
  });

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1)!),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

const print = (line: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'tui', ...line }));

if (process.argv.includes('--serve')) await serve();
else await measure();

/** Child process: the live server with COUNT certificates, so its work does not share the TUI's thread. */
async function serve(): Promise<void> {
  const server = await startLiveServer();
  const started = performance.now();
  const rows = Array.from({ length: COUNT }, (_, i) => ({
    name: `bench-${String(i).padStart(5, '0')}`,
    notBefore: new Date(Date.now() - 30 * DAY),
    notAfter: new Date(Date.now() + ((i % 900) - 30) * DAY),
  }));
  await insertTestCertificates(server.database.db, server.provider, rows);
  const seedMs = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify({ url: server.url, token: server.token, seedMs })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
}

async function measure(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { url, token, seedMs } = JSON.parse(line) as { url: string; token: string; seedMs: number };
  print({ case: 'seed', certificates: COUNT, ms: seedMs });
  try {
    const client = createPortalClient({ url, token });
    const viewer = await connect(client, url);
    const terminal = new Terminal();
    const keyboard = new Keyboard();
    const started = performance.now();
    const ready = nextFrame(terminal, (f) => f.includes(`(1/${COUNT})`));
    const app = render(createElement(App, { client, viewer, url, size: { columns: COLUMNS, rows: ROWS } }), {
      stdout: terminal as unknown as NodeJS.WriteStream,
      stdin: keyboard as unknown as NodeJS.ReadStream,
      debug: true, // every frame written at once, as a throttle-free terminal would (and the same in CI)
      exitOnCtrlC: false,
      patchConsole: false,
    });
    await ready;
    print({
      case: 'first render of :certs',
      certificates: COUNT,
      ms: Math.round(performance.now() - started),
    });
    for (const [label, key, presses] of [
      ['j (row down)', 'j', 400],
      ['ctrl-f (page down)', '\u0006', 150],
      ['k (row up)', 'k', 200],
    ] as const) {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < presses; i++) {
        const frame = nextFrame(terminal);
        const t = performance.now();
        const c = process.cpuUsage();
        keyboard.press(key);
        await frame;
        wall.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        // Let page loads and their frames settle, as between a person's key presses.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const position = Number(/\((\d+)\/\d+\)/.exec(terminal.last)?.[1]);
      print({
        case: `key → next frame: ${label}`,
        certificates: COUNT,
        position,
        targetMs: 50,
        ...stats(wall),
        cpuP50: stats(cpu).p50,
        cpuP95: stats(cpu).p95,
      });
    }
    app.unmount();
  } finally {
    child.stdin!.end();
    await once(child, 'exit');
  }
  process.exit(0);
}
