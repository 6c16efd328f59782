// k9s grammar against a stubbed portal: `:` views, drill-down and breadcrumbs, `esc`, `?` help
// from the keymap, and --read-only hiding every action that changes something.
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderTestConnectionMutation } from '../src/graphql/operations/providers.ts';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { stubbedPortal } from './support/stub-fixtures.ts';

describe('navigation (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it(':orgs, enter drills into its certificates with breadcrumbs, esc goes back', async () => {
    app = renderStub(stubbedPortal());
    await app.waitFor('acme-client');
    await app.press(':');
    await app.type('org');
    await app.press(KEYS.tab); // completes to the first command starting with "org"
    expect(app.lastFrame()).toContain(':orgs');
    await app.press(KEYS.enter);
    let frame = await app.waitFor(/Acme Payments\s+1\s/);
    expect(frame).toMatch(/Globex Retail\s+0\s/);
    await app.press(KEYS.enter);
    frame = await app.waitFor('Organisations  ›  Acme Payments');
    await app.waitFor('acme-client');
    await app.press(KEYS.esc);
    await app.waitFor((f) => f.includes('Organisations (2)') && !f.includes('›'));
    await app.press(KEYS.down, KEYS.enter);
    await app.waitFor('No certificates.');
  });

  it('keys typed after Enter in one burst act on the view the prompt leaves behind', async () => {
    app = renderStub(stubbedPortal());
    await app.waitFor('acme-client');
    // Fast typing, a paste or tmux send-keys: the filter, its Enter and `r` arrive as one read.
    await app.press('/acme-client\rr');
    await app.waitFor('Rename acme-client');
  });

  it('? shows help built from the keymap; unknown commands flash an error', async () => {
    app = renderStub(stubbedPortal());
    await app.waitFor('acme-client');
    await app.press('?');
    const help = await app.waitFor('esc or ? closes this help');
    expect(help).toMatch(/VIEW[\s\S]*<u>\s+Upload a PEM file/);
    expect(help).toMatch(/<ctrl\+d>\s+Delete from the Dashboard/);
    expect(help).toContain(':providers');
    await app.press(KEYS.esc);
    await app.waitFor('acme-client');
    await app.press(':');
    await app.type('bogus');
    await app.press(KEYS.enter);
    await app.waitFor('Unknown command :bogus');
  });

  it('--read-only hides and disables every write', async () => {
    const portal = stubbedPortal().on(ProviderTestConnectionMutation, () => ({
      providerTestConnection: { connectionCheck: { latencyMs: 12, certificatePages: 1 }, userErrors: [] },
    }));
    app = renderStub(portal, { readOnly: true });
    const frame = await app.waitFor('acme-client');
    expect(frame).toContain('[read-only]');
    expect(frame).not.toMatch(/<u> upload|<ctrl\+d> delete|<r> rename/);
    await app.press('u');
    expect(app.lastFrame()).not.toContain('Upload a certificate');
    await app.press('?');
    const help = await app.waitFor('esc or ? closes this help');
    expect(help).not.toContain('Upload a PEM file');
    expect(help).toContain('Sort by name');
    await app.press(KEYS.esc, ':');
    await app.type('providers');
    await app.press(KEYS.enter);
    await app.waitFor(/Mock Dashboard\s+http/);
    expect(app.lastFrame()).not.toContain('<s> sync');
    await app.press('t'); // testing the connection changes nothing: allowed
    await app.waitFor(/Mock Dashboard answered in [\d.]+m?s /);
    const mutations = portal.calls.filter((call) => call.kind === 'mutation');
    expect(mutations.map((call) => call.operationName)).toEqual(['ProviderTestConnection']);
  });
});
