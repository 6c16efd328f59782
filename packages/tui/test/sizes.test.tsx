// Every `:` view at 80×24 and 200×50 against a live server with data in each: the title and the
// table's header show, no line is wider than the terminal (Ink wraps a wider one, which pushes the
// header off screen), and `?` help fits too. Then one resize from wide to narrow and back.
import { stripVTControlCharacters } from 'node:util';
import { makeCertificate } from '@repo/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type RenderedApp, renderApp } from '../src/testing/render.tsx';
import { VIEW_COMMANDS } from '../src/views/view-ids.ts';
import { type LiveServer, PAYMENTS_API_ID, startLiveServer, system, unwrap } from './support/live-server.ts';

/** What each view shows once loaded: its title, and a header word (or the text when empty). */
const READY: Record<string, { title: string; header: string }> = {
  certs: { title: 'Certificates (', header: 'NAME' },
  orgs: { title: 'Organisations (', header: 'NAME' },
  products: { title: 'Products (', header: 'AUTH' },
  requests: { title: 'Access requests (', header: 'STATUS' },
  check: { title: 'API (from the products)', header: 'Payments API' },
  providers: { title: 'Providers (', header: 'DASHBOARD' },
  sync: { title: 'Sync runs', header: 'Sync runs' },
  audit: { title: 'Audit events (', header: 'ACTION' },
  users: { title: 'Users (', header: 'ROLE' },
  plans: { title: 'Plans (', header: 'QUOTA' },
};

describe('every view at 80×24 and 200×50 (live server)', () => {
  let server: LiveServer;
  let app: RenderedApp | undefined;

  beforeAll(async () => {
    server = await startLiveServer();
    const [acme] = server.organisations;
    const cert = await makeCertificate({
      name: 'CN=a-rather-long-common-name.payments.acme-corporation.example.com',
    });
    unwrap(
      await server.core.certificates.upload(
        { providerId: server.provider.id, pem: cert.pem, name: 'sizes', organisationIds: [acme!.id] },
        system,
      ),
    );
    const plan = unwrap(await server.core.plans.create({ name: 'Gold', rate: 10, per: 1 }, system));
    const product = unwrap(
      await server.core.products.create(
        {
          providerId: server.provider.id,
          name: 'Payments',
          apiIds: [PAYMENTS_API_ID],
          certificateMode: 'MANAGED',
        },
        system,
      ),
    );
    const consumer = unwrap(
      await server.core.users.create(
        { role: 'CONSUMER', name: 'Acme dev', organisationId: acme!.id },
        system,
      ),
    );
    const actor = { kind: 'CONSUMER', userId: consumer.user.id, organisationId: acme!.id } as const;
    const created = unwrap(await server.core.apps.create({ name: 'Mobile' }, actor));
    unwrap(
      await server.core.accessRequests.submit(
        { appId: created.id, productId: product.id, planId: plan.id },
        actor,
      ),
    );
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });
  afterAll(() => server.close());

  const widest = (frame: string) =>
    Math.max(...frame.split('\n').map((l) => [...stripVTControlCharacters(l)].length));

  it('has a readiness mark for every view a command reaches', () => {
    expect(Object.keys(READY).sort()).toEqual(VIEW_COMMANDS.map((c) => c.view).sort());
  });

  for (const [columns, rows] of [
    [80, 24],
    [200, 50],
  ] as const) {
    it(`fits ${columns}×${rows}: every view shows its title and header, no line is wider`, async () => {
      app = await renderApp(server.url, server.token, { size: { columns, rows } });
      await app.waitFor('Certificates (');
      for (const { view, aliases } of VIEW_COMMANDS) {
        await app.press(':');
        await app.type(aliases[0]!);
        await app.press(KEYS.enter);
        const { title, header } = READY[view]!;
        const frame = await app.waitFor(
          (f) => f.includes(title) && f.includes(header) && !f.includes('loading…'),
        );
        expect(widest(frame), `${view} at ${columns} columns`).toBeLessThanOrEqual(columns);
        expect(frame.split('\n').length, `${view} at ${rows} rows`).toBeLessThanOrEqual(rows);
        if (view === 'check') await app.press(KEYS.esc); // the form has the keyboard
        await app.press('?');
        const help = await app.waitFor('esc or ? closes this help');
        expect(widest(help), `help of ${view}`).toBeLessThanOrEqual(columns);
        await app.press(KEYS.esc);
        await app.waitFor((f) => !f.includes('esc or ? closes this help'));
      }
    });
  }
});
