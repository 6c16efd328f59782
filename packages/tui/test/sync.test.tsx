// Sync driven by keys against a live server and the mock Dashboard: start a run, watch the
// progress bar fed by the SSE subscription, then confirm and discard HELD runs.
import { makeCertificate } from '@repo/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type RenderedApp, renderApp } from '../src/testing/render.tsx';
import { control, dashboard, type LiveServer, ORG_ID, SEED, startLiveServer } from './support/live-server.ts';

describe('sync (live server)', () => {
  let server: LiveServer;
  let app: RenderedApp | undefined;

  beforeAll(async () => {
    const certificates = [];
    for (let i = 0; i < 25; i++) {
      const cert = await makeCertificate({ name: `CN=store-${String(i).padStart(2, '0')}.example.com` });
      certificates.push({ orgId: ORG_ID, pem: cert.pem });
    }
    server = await startLiveServer({ seed: { ...SEED, certificates }, pageSize: 10 });
  });
  afterEach(async () => {
    app?.unmount();
    app = undefined;
    await control(server.mock, 'DELETE', '/_mock/faults');
  });
  afterAll(() => server.close());

  /** Removes all but five certificates from the Dashboard's store: the next run is HELD. */
  async function emptyTheStore(): Promise<void> {
    const { certs } = (await dashboard(server.mock, 'GET', '/api/certs?p=-2')) as { certs: string[] };
    for (const id of certs.slice(5)) await dashboard(server.mock, 'DELETE', `/api/certs/${id}`);
  }

  it('starts a run and shows its progress page by page, then what it changed', async () => {
    await control(server.mock, 'POST', '/_mock/faults', {
      kind: 'latency',
      method: 'GET',
      path: '/api/certs*',
      ms: 250,
    });
    app = await renderApp(server.url, server.token);
    await app.press(':');
    await app.type('sync');
    await app.press(KEYS.enter);
    await app.waitFor('No sync runs yet');
    await app.press('s');
    const done = await app.waitFor('+25 added', 15_000);
    expect(done).toContain('Sync of Mock Dashboard');
    expect(done).toMatch(/succeeded/);
    // Intermediate frames showed the fetch advancing (pages of 10: 3 in all).
    expect(app.frames.some((f) => /fetching · [12]\/3 pages/.test(f))).toBe(true);
    await app.waitFor(/ago\s+Mock Dashboard\s+succeeded\s+manual/);
  });

  it('confirming a HELD run is the destructive action: it asks, showing what it soft-deletes', async () => {
    await emptyTheStore();
    app = await renderApp(server.url, server.token);
    await app.press(':');
    await app.type('sync');
    await app.press(KEYS.enter);
    await app.waitFor('Sync runs (');
    await app.press('s');
    await app.waitFor(/Held: it would soft-delete/, 15_000);
    await app.waitFor(/ago\s+Mock Dashboard\s+held/); // the listing, not the progress panel

    await app.press('c');
    await app.waitFor('Apply the held run?');
    await app.waitFor('It soft-deletes 20 certificate(s) of Mock Dashboard');
    // The list itself, a window at a time: j scrolls it, and the last one is reachable.
    const list = await app.waitFor(/store-\d\d\.example\.com/);
    const shown = (frame: string) => frame.match(/store-\d\d\.example\.com/g) ?? [];
    expect(shown(list).length).toBeGreaterThan(0);
    expect(shown(list).length).toBeLessThan(20);
    const top = shown(list)[0];
    await app.press('j');
    await app.waitFor((f) => shown(f)[0] !== top);
    await app.press('G');
    await app.waitFor((f) => /20\/20/.test(f));
    await app.press('n');
    await app.waitFor((f) => !f.includes('Apply the held run?') && /Mock Dashboard\s+held/.test(f));

    await app.press('c');
    await app.waitFor('Apply the held run?');
    await app.press('y');
    await app.waitFor('Applied: +0 added, −20 soft-deleted.');
    await app.waitFor(/Mock Dashboard\s+succeeded/);
    await app.press(':');
    await app.type('certs');
    await app.press(KEYS.enter);
    await app.waitFor('Certificates (1/5)');
    await app.press('x', 'x'); // soft-deleted: shown, then only
    await app.waitFor('Certificates (1/20)');
  });

  it('discards a HELD run at once: the safe choice changes nothing', async () => {
    await control(server.mock, 'POST', '/_mock/reset');
    app = await renderApp(server.url, server.token);
    await app.press(':');
    await app.type('providers');
    await app.press(KEYS.enter);
    await app.waitFor(/Mock Dashboard\s+http/);
    await app.press('s'); // from :providers: starts it and shows :sync for that provider
    await app.waitFor('+0 added · 20 restored', 15_000);
    await emptyTheStore();
    await app.press('s');
    await app.waitFor(/Held: it would soft-delete/, 15_000);
    await app.waitFor(/held\s+manual/);
    await app.press(KEYS.ctrlD);
    await app.waitFor('Discarded: nothing changed.');
    await app.waitFor(/discarded\s+manual/);
  });

  it('leaving mid-stream closes the subscription without crashing (G8)', async () => {
    await control(server.mock, 'POST', '/_mock/reset'); // 25 certificates again: 3 pages
    await control(server.mock, 'POST', '/_mock/faults', {
      kind: 'latency',
      method: 'GET',
      path: '/api/certs*',
      ms: 700,
    });
    app = await renderApp(server.url, server.token);
    await app.press(':');
    await app.type('sync');
    await app.press(KEYS.enter);
    await app.waitFor('Sync runs (');
    await app.press('s');
    await app.waitFor(/fetching · [12]\/3 pages/, 15_000);
    app.unmount(); // aborts the SSE response after events arrived: the case that crashed Node 20
    app = undefined;
    // An unhandled AbortError would fail this file; the run itself goes on and ends.
    await expect
      .poll(
        async () => {
          const latest = await server.core.sync.list({}, { first: 1 }, { kind: 'SYSTEM', component: 'test' });
          return latest.ok ? latest.value.nodes[0]?.status : undefined;
        },
        { timeout: 15_000 },
      )
      .not.toBe('RUNNING');
  });
});
