import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startProcess, stopProcess } from './setup/processes.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('[pglite] the README quick start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mtls-quick-start-'));
  // stopProcess waits for the demo's whole process group, so nothing still writes into dataDir.
  afterAll(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

  it('`pnpm start` with no configuration serves the demo and prints a working admin token', async () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    expect(readme).toMatch(/^pnpm start\b/m);
    const started = await startProcess('pnpm', ['start'], {
      cwd: repo,
      env: { PORT: '0', MTLS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      waitFor: [/GraphQL\s+(http\S+)/, /Admin token\s+(mtp_\S+)/, /Gateway\s+(https\S+)/],
      timeoutMs: 120_000,
    });
    try {
      const [graphqlUrl, token] = started.matches.map((m) => m[1]!);
      const response = await fetch(graphqlUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { role } certificates(first: 10) { totalCount } }' }),
      });
      const body = await response.json();
      expect(body).toMatchObject({
        data: { viewer: { role: 'ADMIN' }, certificates: { totalCount: expect.any(Number) } },
      });
      expect(body.data.certificates.totalCount).toBeGreaterThan(0);
    } finally {
      await stopProcess(started.process);
    }
  }, 150_000);
});
