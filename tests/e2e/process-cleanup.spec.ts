import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const runner = fileURLToPath(new URL('./fixtures/orphan-runner.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Issue 13: failed or timed-out runs left mock Dashboards and servers running for an hour. Every
// process the suite starts runs under a watchdog that ends its process group when the suite's own
// process dies, even by SIGKILL, when no teardown can run.
it('a process the suite started ends when the suite dies without its teardown (SIGKILL)', async () => {
  const parent = spawn(process.execPath, ['--import', 'tsx', runner], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    parent.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /started (\d+)/.exec(out);
      if (found) resolve(Number(found[1]));
    });
    parent.on('exit', (code) => reject(new Error(`the runner exited (${code}) before starting: ${out}`)));
  });
  expect(alive(pid)).toBe(true);
  parent.kill('SIGKILL');
  const deadline = Date.now() + 15_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(alive(pid), `process ${pid} outlived its runner`).toBe(false);
});
