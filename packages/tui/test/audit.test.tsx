// The audit view against a live server: events in words with names and seconds, the `/` filter as
// free text and dates, and the detail view's field-by-field diff.
import { makeCertificate } from '@repo/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type RenderedApp, renderApp } from '../src/testing/render.tsx';
import { type LiveServer, startLiveServer, system, unwrap } from './support/live-server.ts';

describe('audit view (live server)', () => {
  let server: LiveServer;
  let app: RenderedApp | undefined;

  beforeAll(async () => {
    server = await startLiveServer();
    const cert = await makeCertificate({ name: 'CN=audit-client.example.com' });
    const uploaded = unwrap(
      await server.core.certificates.upload(
        { providerId: server.provider.id, pem: cert.pem, name: 'audit-client' },
        system,
      ),
    );
    unwrap(await server.core.certificates.rename(uploaded.certificate.id, 'audit-renamed', system));
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });
  afterAll(() => server.close());

  it('shows events in words, by name, with seconds; filters by text and date; diffs fields', async () => {
    app = await renderApp(server.url, server.token);
    await app.waitFor('audit-renamed');
    await app.press(':');
    await app.type('audit');
    await app.press(KEYS.enter);
    const frame = await app.waitFor(/certificate rename\s+system: tui-test/);
    expect(frame).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+certificate upload\s+system: tui-test/);
    expect(frame).toMatch(/organisation create/);
    expect(frame).toContain('audit-renamed'); // the subject by its name, not its id

    await app.press('/');
    await app.type('RENAME');
    await app.press(KEYS.enter);
    await app.waitFor((f) => /Audit events \(1\)/.test(f) && !f.includes('certificate upload'));

    await app.press(KEYS.enter);
    const detail = await app.waitFor('± name');
    expect(detail).toMatch(/± name\s+"audit-client"\s+"audit-renamed"/);
    expect(detail).toMatch(/Actor\s+system: tui-test/);
    await app.press(KEYS.esc);

    // A day that has not come yet holds no events; the filter still says what it matched.
    await app.press('/');
    await app.type('since:2999-01-01');
    await app.press(KEYS.enter);
    await app.waitFor('No audit events.');
  });
});
