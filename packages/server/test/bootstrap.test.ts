import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { generateAdminToken, keptSecret } from '../src/bootstrap.ts';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mtls-bootstrap-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

it('keeps generated secrets owner-only and stable', async () => {
  const token = await keptSecret(dataDir, 'admin-token', generateAdminToken);
  expect(await keptSecret(dataDir, 'admin-token', generateAdminToken)).toBe(token);
  expect((await readFile(join(dataDir, 'admin-token'), 'utf8')).trim()).toBe(token);
  expect((await stat(join(dataDir, 'admin-token'))).mode & 0o777).toBe(0o600);
});
