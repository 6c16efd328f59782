// Runs a command for the e2e suite and ends it when the suite's process dies, however it dies.
// `node watchdog.mjs <parent pid> <command> [args...]`: the watchdog is spawned as the leader of
// its own process group (startProcess), the command runs in that group, and when the parent is
// gone (a timed-out or interrupted runner, even SIGKILLed) the watchdog ends the whole group.
// Teardown still stops the group itself; this covers the runs whose teardown never ran.
import { spawn } from 'node:child_process';

const [parentArg, command, ...args] = process.argv.slice(2);
const parent = Number(parentArg);
const child = spawn(command, args, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const watch = setInterval(() => {
  if (alive(parent)) return;
  clearInterval(watch);
  try {
    process.kill(-process.pid, 'SIGTERM');
  } catch {}
  setTimeout(() => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {}
  }, 3_000).unref();
}, 250);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
