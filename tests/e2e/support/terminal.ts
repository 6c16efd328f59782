import { execFileSync } from 'node:child_process';

/**
 * The TUI as a user runs it: a real process in a real terminal (tmux), driven by keys and read from
 * the screen. `waitFor` prints the screen when it times out, so a failing step shows what was there.
 */
export class Terminal {
  private constructor(readonly session: string) {}

  static open(command: string, cwd: string, size = { width: 180, height: 45 }): Terminal {
    Terminal.sweepOrphans();
    const session = `mtls-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    execFileSync('tmux', [
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      String(size.width),
      '-y',
      String(size.height),
      '-c',
      cwd,
      command,
    ]);
    return new Terminal(session);
  }

  /**
   * Ends the sessions earlier runs left behind: a session is named after the runner's pid, and a
   * runner that died (timed out, interrupted) never closed it. tmux's server is a daemon outside
   * the suite's process groups, so the watchdog that ends the suite's processes cannot reach it.
   */
  static sweepOrphans(): void {
    let names: string[];
    try {
      names = execFileSync('tmux', ['list-sessions', '-F', '#{session_name}'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).split('\n');
    } catch {
      return; // no tmux server: nothing left behind
    }
    for (const name of names) {
      const pid = Number(/^mtls-e2e-(\d+)-/.exec(name)?.[1]);
      if (!pid || pidAlive(pid)) continue;
      try {
        execFileSync('tmux', ['kill-session', '-t', name], { stdio: 'ignore' });
      } catch {
        // gone meanwhile
      }
    }
  }

  keys(...keys: string[]): void {
    for (const key of keys)
      execFileSync('tmux', [
        'send-keys',
        '-t',
        this.session,
        ...(key.length === 1 || /^[A-Z]/.test(key) ? [key] : ['-l', key]),
      ]);
  }

  /** Types `text` as it is (tmux `send-keys -l`: no word is read as a key name). */
  type(text: string): void {
    execFileSync('tmux', ['send-keys', '-t', this.session, '-l', text]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.session], { encoding: 'utf8' });
  }

  /** Waits for the screen to match `pattern` (a RegExp, or a test of the whole screen). */
  async waitFor(
    pattern: RegExp | ((screen: string) => boolean),
    what: string,
    timeoutMs = 20_000,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof pattern === 'function' ? pattern(screen) : pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`TUI: ${what} did not appear. The screen was:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  close(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.session]);
    } catch {
      // already gone
    }
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
