#!/usr/bin/env node
// `pnpm measure:start [runs]`: the start figures the README quotes. Three warm restarts of `pnpm start`
// (build cached, data directory kept) timed to "mTLS Portal is running", then three starts of
// `pnpm tui` against that server timed to its first frame (the header it draws), in a real pty
// (`script`), as a user at a terminal sees them. Prints medians and every run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2] ?? 3);
const dataDir = mkdtempSync(join(tmpdir(), 'mtls-measure-'));

/** Starts `command` in its own process group; resolves when stdout matches every pattern. */
function startUntil(command, args, env, patterns, timeoutMs = 180_000) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env }, detached: true });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; output:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const matches = patterns.map((p) => output.match(p));
      if (matches.every(Boolean)) {
        clearTimeout(timer);
        resolve({ child, ms: performance.now() - started, matches });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`exited ${code} before it was ready:\n${output}`)));
  });
}

/** Ends the process group and waits until every process in it is gone (not just the leader). */
async function stop(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // the group is already gone
  }
  for (;;) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const startEnv = { PORT: '0', MTLS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
const ready = [/mTLS Portal is running/, /GraphQL\s+(http\S+)/, /Admin token\s+(mtp_\S+)/];
try {
  // The first start builds what is stale and creates the demo; it is not a restart.
  const first = await startUntil('pnpm', ['start'], startEnv, ready);
  console.log(`first start (build if stale, new data directory): ${seconds(first.ms)}`);
  await stop(first.child);

  const restarts = [];
  let server;
  for (let i = 0; i < RUNS; i++) {
    if (server) await stop(server.child);
    server = await startUntil('pnpm', ['start'], startEnv, ready);
    restarts.push(server.ms);
  }
  const [graphqlUrl, token] = [server.matches[1][1], server.matches[2][1]];

  const tuiStarts = [];
  for (let i = 0; i < RUNS; i++) {
    // `script` gives a pty of size 0×0, where Ink draws nothing: size it first.
    const command = `stty cols 120 rows 40; pnpm tui --url ${graphqlUrl} --token ${token}`;
    const tui = await startUntil('script', ['-qfec', command, '/dev/null'], {}, [/mTLS Portal/]);
    tuiStarts.push(tui.ms);
    await stop(tui.child);
  }
  await stop(server.child);

  console.log(
    `warm restart of pnpm start to "mTLS Portal is running": median ${seconds(median(restarts))} (${restarts.map(seconds).join(', ')}); target ≤ 5 s`,
  );
  console.log(
    `pnpm tui to its first frame: median ${seconds(median(tuiStarts))} (${tuiStarts.map(seconds).join(', ')}); target ≤ 1.5 s`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
