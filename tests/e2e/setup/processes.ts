import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A child process started by the suite: its output is kept so a failure can show it. */
export interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
}

const started = new Set<ChildProcess>();
const WATCHDOG = fileURLToPath(new URL('./watchdog.mjs', import.meta.url));

/**
 * Starts `command` in its own process group (so `stop` takes its children too) and resolves once a
 * line of its output matches every pattern, with the matches; rejects with the output on exit or
 * timeout.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    waitFor: readonly RegExp[];
    timeoutMs?: number;
    /** Also append everything it writes to this file (what a test scans for secrets). */
    logFile?: string;
  },
): Promise<{ process: Started; matches: RegExpMatchArray[] }> {
  // The watchdog leads the process group and ends it if this process dies without a teardown.
  const child = spawn(process.execPath, [WATCHDOG, String(process.pid), command, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  const handle: Started = { child, output: () => output };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} did not become ready:\n${output}`)),
      options.timeoutMs ?? 60_000,
    );
    const check = () => {
      const matches = options.waitFor.map((pattern) => output.match(pattern));
      if (matches.every((m) => m !== null)) {
        clearTimeout(timer);
        resolve({ process: handle, matches: matches as RegExpMatchArray[] });
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (options.logFile) appendFileSync(options.logFile, chunk);
      check();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (options.logFile) appendFileSync(options.logFile, chunk);
    });
    child.on('exit', (code) => {
      started.delete(child);
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output}`));
    });
  });
}

/** Stops every process the suite started (process groups, SIGTERM then SIGKILL). */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((child) => stopProcess({ child, output: () => '' })));
  started.clear();
}

/**
 * Stops one process the suite started and waits for its whole process group: the leader (the
 * watchdog) exits as soon as its child does, while a grandchild (`pnpm start`'s server) may still be
 * flushing files the test is about to remove.
 */
export async function stopProcess(process_: Started): Promise<void> {
  const { child } = process_;
  if (child.pid === undefined) return;
  const pid = child.pid;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  signal(pid, 'SIGTERM');
  const force = Date.now() + 5_000;
  // The leader's exit event too: `exitCode` is only set once Node has reaped it.
  while (!exited() || groupAlive(pid)) {
    if (Date.now() > force) signal(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // already gone
  }
}
