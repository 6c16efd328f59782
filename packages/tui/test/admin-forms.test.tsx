// Creating and editing what an admin sets up, through the TUI's forms, against a live server:
// organisations, and providers (then tested against the mock Dashboard).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type RenderedApp, renderApp } from '../src/testing/render.tsx';
import {
  DASHBOARD_KEY,
  type LiveServer,
  ORG_ID,
  PAYMENTS_API_ID,
  startLiveServer,
} from './support/live-server.ts';

describe('admin forms (live server)', () => {
  let server: LiveServer;
  let app: RenderedApp | undefined;

  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });
  afterAll(() => server.close());

  async function open(command: string, ready: string | RegExp): Promise<RenderedApp> {
    const rendered = await renderApp(server.url, server.token);
    await rendered.waitFor('Certificates (');
    await rendered.press(':');
    await rendered.type(command);
    await rendered.press(KEYS.enter);
    await rendered.waitFor(ready);
    return rendered;
  }

  it('creates an organisation; a blank or taken name is refused and the form stays', async () => {
    app = await open('orgs', 'Organisations (2)');
    await app.press('n');
    await app.waitFor('New organisation');
    await app.press(KEYS.enter);
    await app.waitFor('Name is required.');
    await app.type('Acme Payments');
    await app.press(KEYS.enter);
    const taken = await app.waitFor(/taken|already/i);
    expect(taken).toContain('New organisation'); // still open, the name kept to fix
    await app.press(KEYS.backspace.repeat('Acme Payments'.length));
    await app.type('Initech');
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('Created Initech.') && /Initech\s+0\s/.test(f));
    expect(app.lastFrame()).toContain('Organisations (3)');
  });

  it('adds a provider, tests it, and edits it keeping its API key', async () => {
    app = await open('providers', /Mock Dashboard\s+http/);
    await app.press('n');
    await app.waitFor('Add a Tyk Dashboard');
    await app.type('Second Dashboard');
    await app.press(KEYS.enter);
    await app.type(server.mock.dashboardUrl);
    await app.press(KEYS.enter);
    await app.type(ORG_ID);
    await app.press(KEYS.enter);
    await app.waitFor('Dashboard API key:');
    await app.type(DASHBOARD_KEY);
    const masked = app.lastFrame();
    expect(masked).not.toContain(DASHBOARD_KEY); // typed as dots
    expect(masked).toContain('•'.repeat(DASHBOARD_KEY.length));
    await app.press(KEYS.enter);
    await app.press(KEYS.enter); // no gateway
    await app.waitFor((f) => f.includes('Added Second Dashboard.') && /Second Dashboard\s+http/.test(f));

    await app.press('/');
    await app.type('Second');
    await app.press(KEYS.enter);
    await app.waitFor('Providers (1)');
    await app.press('t');
    await app.waitFor(/Second Dashboard answered in [\d.]+m?s /);

    await app.press('e');
    await app.waitFor('Edit Second Dashboard');
    await app.press(KEYS.backspace.repeat('Second Dashboard'.length));
    await app.type('Staging Dashboard');
    for (let i = 0; i < 5; i++) await app.press(KEYS.enter); // the rest as they were; the key kept
    await app.press(KEYS.esc); // clear the filter
    await app.waitFor((f) => f.includes('Saved Staging Dashboard.') && /Staging Dashboard\s+http/.test(f));
    await app.press('/');
    await app.type('Staging');
    await app.press(KEYS.enter);
    await app.waitFor('Providers (1)');
    await app.press('t');
    await app.waitFor(/Staging Dashboard answered in [\d.]+m?s /); // the stored key still works
  });

  it('creates a consumer and shows its token once; the token works', async () => {
    app = await open('users', /Users \(\d+\)/);
    await app.press('n');
    await app.waitFor('New user');
    await app.type('Grace');
    await app.press(KEYS.enter);
    await app.type('consumer');
    await app.press(KEYS.enter);
    await app.type('Nowhere Inc');
    await app.press(KEYS.enter);
    await app.waitFor('No organisation is named Nowhere Inc.');
    await app.press(KEYS.backspace.repeat('Nowhere Inc'.length));
    await app.type('globex retail');
    await app.press(KEYS.enter);
    const shown = await app.waitFor('shown this once');
    const token = /mtp_\S+/.exec(shown)?.[0];
    expect(token).toBeDefined();
    await app.press(KEYS.enter);
    await app.waitFor(/Grace\s+consumer\s+Globex Retail/);
    expect(app.lastFrame()).not.toContain(token!);

    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { name role } }' }),
    });
    expect(await response.json()).toEqual({ data: { viewer: { name: 'Grace', role: 'CONSUMER' } } });
  });

  it('creates a plan and a product from the Dashboard API it names', async () => {
    app = await open('plans', 'Plans (0)');
    await app.press('n');
    await app.waitFor('New plan');
    for (const answer of ['Silver', '100', '0']) {
      await app.type(answer);
      await app.press(KEYS.enter);
    }
    await app.waitFor('Per is a number of seconds above 0.');
    await app.press(KEYS.backspace);
    await app.type('60');
    await app.press(KEYS.enter);
    for (const answer of ['5000', '86400', '']) {
      await app.type(answer);
      await app.press(KEYS.enter);
    }
    await app.waitFor(
      (f) => f.includes('Created plan Silver.') && /Silver\s+100 \/ 1m\s+5000 \/ 1d\s+forever/.test(f),
    );

    await app.press(':');
    await app.type('products');
    await app.press(KEYS.enter);
    await app.waitFor('Products (0)');
    await app.press('n');
    await app.waitFor('New product');
    // Two providers by now (the previous test added one): it is named.
    for (const answer of ['Payments Plus', 'mock dashboard', PAYMENTS_API_ID, 'managed', 'yes']) {
      await app.type(answer);
      await app.press(KEYS.enter);
    }
    await app.waitFor(
      (f) =>
        f.includes('Created Payments Plus (Auth Token + mTLS).') &&
        /Payments Plus\s+Mock Dashboard\s+Auth Token \+ mTLS\s+Managed\s+yes\s+Payments API/.test(f),
    );
  });
});
