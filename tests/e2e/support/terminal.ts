import { execFileSync } from 'node:child_process';

/**
 * The TUI as a user runs it: a real process in a real terminal (tmux), driven by keys and read from
 * the screen. `waitFor` prints the screen when it times out, so a failing step shows what was there.
 */
export class Terminal {
  private constructor(readonly session: string) {}

  static open(command: string, cwd: string, size = { width: 180, height: 45 }): Terminal {
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

  keys(...keys: string[]): void {
    for (const key of keys)
      execFileSync('tmux', [
        'send-keys',
        '-t',
        this.session,
        ...(key.length === 1 || /^[A-Z]/.test(key) ? [key] : ['-l', key]),
      ]);
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
