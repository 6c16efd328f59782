import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate } from '@repo/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockDashboard, StateFileError, startMockDashboard } from '../src/index.ts';
import { classicApi, KEY, ORG, oasApi } from './support/fixtures.ts';

const seed = { orgs: [{ id: ORG, apiKeys: [KEY] }], apis: [classicApi(), oasApi()] };

async function dashboard(mock: MockDashboard, method: string, path: string, body?: unknown) {
  const res = await fetch(`${mock.dashboardUrl}${path}`, {
    method,
    headers: { authorization: KEY },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.json() as Promise<Record<string, unknown>>;
}

async function state(mock: MockDashboard) {
  const res = await fetch(`${mock.dashboardUrl}/_mock/state`, {
    headers: { 'x-mock-admin-key': mock.adminKey },
  });
  const { faults: _faults, revisions: _revisions, ...kept } = (await res.json()) as Record<string, unknown>;
  return kept;
}

describe('startMockDashboard({ stateFile })', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mock-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts from the seed, then comes back after a restart exactly as clients left it', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startMockDashboard({ seed, stateFile });
    const cert = await makeCertificate({ name: 'CN=kept-across-restarts' });
    const uploaded = await dashboard(first, 'POST', '/api/certs', cert.pem);
    await dashboard(first, 'POST', '/api/keys', {
      org_id: ORG,
      access_rights: {},
      mtls_static_certificate_bindings: [uploaded.id],
    });
    const before = await state(first);
    await first.close();

    // A different seed does not matter any more: the kept state wins. The restart comes a minute
    // later, so a timestamp rewritten on load would show.
    const later = () => new Date(Date.now() + 60_000);
    const again = await startMockDashboard({
      seed: { orgs: [{ id: ORG, apiKeys: [KEY] }] },
      stateFile,
      now: later,
    });
    try {
      expect(await state(again)).toEqual(before);
      expect((before.certificates as unknown[]).length).toBe(1);
      expect((before.keys as unknown[]).length).toBe(1);
      expect((before.apis as unknown[]).length).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('writes a burst of changes without waiting for the close', async () => {
    const stateFile = join(dir, 'state.json');
    const mock = await startMockDashboard({ seed, stateFile });
    try {
      const certs = await Promise.all([1, 2, 3].map((n) => makeCertificate({ name: `CN=burst-${n}` })));
      for (const cert of certs) await dashboard(mock, 'POST', '/api/certs', cert.pem);
      await expect
        .poll(async () => JSON.parse(await readFile(stateFile, 'utf8')).certificates.length, {
          timeout: 10_000,
        })
        .toBe(3);
    } finally {
      await mock.close();
    }
  });

  it.each([
    ['bad JSON', '{"certificates": ['],
    ['not a seed', '{"certificates": [{"orgId": 1}]}'],
  ])('refuses a state file that is %s, naming it, rather than starting from the seed', async (_, text) => {
    const stateFile = join(dir, 'state.json');
    await writeFile(stateFile, text);
    const started = startMockDashboard({ seed, stateFile });
    await expect(started).rejects.toThrow(StateFileError);
    await expect(started).rejects.toThrow(`${stateFile} is not a mock state file`);
  });
});
