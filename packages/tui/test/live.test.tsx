// Lists that others change follow the server while on screen, without a key press: a request a
// consumer submits through the API appears in :requests, and an approval made elsewhere shows.
import type { Actor, Plan, Product } from '@repo/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type RenderedApp, renderApp } from '../src/testing/render.tsx';
import { type LiveServer, PAYMENTS_API_ID, startLiveServer, system, unwrap } from './support/live-server.ts';

describe('live lists (live server)', () => {
  let server: LiveServer;
  let app: RenderedApp | undefined;
  let consumer: Actor;
  let plan: Plan;
  let product: Product;

  beforeAll(async () => {
    server = await startLiveServer();
    const [acme] = server.organisations;
    const user = unwrap(
      await server.core.users.create(
        { role: 'CONSUMER', name: 'Acme dev', organisationId: acme!.id },
        system,
      ),
    );
    consumer = { kind: 'CONSUMER', userId: user.user.id, organisationId: acme!.id };
    plan = unwrap(await server.core.plans.create({ name: 'Gold', rate: 10, per: 1 }, system));
    product = unwrap(
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
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });
  afterAll(() => server.close());

  it('shows a request submitted elsewhere, and its rejection, with no key pressed', async () => {
    app = await renderApp(server.url, server.token, { liveRefreshMs: 200 });
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('requests');
    await app.press(KEYS.enter);
    await app.waitFor('No access requests.');

    const created = unwrap(await server.core.apps.create({ name: 'Kiosk' }, consumer));
    const request = unwrap(
      await server.core.accessRequests.submit(
        { appId: created.id, productId: product.id, planId: plan.id },
        consumer,
      ),
    );
    await app.waitFor(/Kiosk\s+Payments\s+Gold\s+pending/);
    unwrap(await server.core.accessRequests.reject(request.id, 'Not now', system));
    const frame = await app.waitFor(/Kiosk\s+Payments\s+Gold\s+rejected/);
    // Refreshed quietly: the rows never gave way to a loading state.
    expect(frame).not.toContain('loading…');
  });

  it('says when the server is away, keeps the last rows, and recovers when it is back', async () => {
    app = await renderApp(server.url, server.token, { liveRefreshMs: 200 });
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('orgs');
    await app.press(KEYS.enter);
    await app.waitFor(/Acme Payments\s+\d/);
    await server.goAway();
    try {
      await app.press(KEYS.ctrlR);
      const away = await app.waitFor('server unreachable since');
      expect(away).toMatch(/Acme Payments\s+\d/); // the last rows stay (dimmed)
      expect(away).not.toContain('No organisations.');
    } finally {
      await server.comeBack();
    }
    // No key pressed: the view asks again by itself and the header clears.
    await app.waitFor((f) => !f.includes('server unreachable') && /Acme Payments\s+\d/.test(f));
  });
});
