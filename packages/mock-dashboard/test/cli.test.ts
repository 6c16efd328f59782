import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.ts';
import { gatewayGet } from '../src/testing/index.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** Runs the real bin and resolves with its stdout once `until` matches (or with everything at exit). */
function runCli(args: string[], until: RegExp): Promise<{ out: string; code: number | null }> {
  const child = spawn(process.execPath, ['bin/mock-dashboard.js', ...args], {
    cwd: packageDir,
    env: { ...process.env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`CLI did not print ${until}: ${out}`)), 15_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (until.test(out)) {
        clearTimeout(timer);
        resolve({ out, code: null });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, code });
    });
  });
}

describe('mock-dashboard CLI', () => {
  it('starts both listeners from a seed file and prints their URLs', async () => {
    const { out } = await runCli(
      ['--port', '0', '--gateway-port', '0', '--seed', 'seeds/default.json', '--admin-key', 'k'],
      /Admin key/,
    );
    const dashboard = /Dashboard API\s+(\S+)/.exec(out)?.[1];
    const gateway = /Gateway HTTPS\s+(\S+)/.exec(out)?.[1];
    expect(dashboard).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const apis = await fetch(`${dashboard}/api/apis`, { headers: { authorization: 'mock-dashboard-key' } });
    expect(((await apis.json()) as { apis: unknown[] }).apis).toHaveLength(3);
    expect((await gatewayGet(`${gateway}/payments/`)).body).toEqual({
      error: 'Client TLS certificate is required',
    });
  });

  it('exits 1 with the zod issue for an invalid seed', async () => {
    const { out, code } = await runCli(
      ['--port', '0', '--gateway-port', '0', '--seed', 'package.json'],
      /$^/,
    );
    expect(code).toBe(1);
    expect(out).toContain('mock-dashboard: invalid input');
  });

  it('reads flags over the environment over defaults', () => {
    expect(parseCliArgs([], {})).toMatchObject({ port: 3000, gatewayPort: 8443, host: '127.0.0.1' });
    expect(
      parseCliArgs(['--port', '0'], { MOCK_DASHBOARD_PORT: 4000, MOCK_DASHBOARD_GATEWAY_PORT: 9443 }),
    ).toMatchObject({
      port: 0,
      gatewayPort: 9443,
    });
    expect(() => parseCliArgs(['--nope'], {})).toThrow();
    expect(parseCliArgs(['--seed', 'a.json', '--', '--seed', 'b.json'], {}).seed).toBe('b.json');
  });
});
