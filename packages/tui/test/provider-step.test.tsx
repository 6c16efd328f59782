// The provider step that upload (`u`) and import (`I`) share, against a stubbed portal: with several
// providers it asks which store, and the next step follows; with none it says so and goes no further.
import { afterEach, describe, expect, it } from 'vitest';
import { ProvidersQuery } from '../src/graphql/operations/providers.ts';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { page, stubbedPortal } from './support/stub-fixtures.ts';

const provider = (id: string, name: string) => ({
  id,
  name,
  dashboardUrl: 'http://127.0.0.1:3000',
  gatewayUrl: null,
  orgId: '5e9d9544a1dcd60001d0ed20',
  requestTimeoutMs: 10_000,
  updatedAt: new Date().toISOString(),
});

describe('provider step (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  for (const [key, next] of [
    ['u', 'PEM file (one leaf certificate'],
    ['I', 'Directory (its .pem, .crt and .cer files'],
  ] as const)
    it(`${key}: asks which of several providers, then goes on to the file`, async () => {
      const portal = stubbedPortal().on(ProvidersQuery, () => ({
        providers: page([provider('prv_eu', 'EU Dashboard'), provider('prv_us', 'US Dashboard')]),
      }));
      app = renderStub(portal, { size: { columns: 120, rows: 30 } });
      await app.waitFor('acme-client');
      await app.press(key);
      const asked = await app.waitFor('Provider:');
      expect(asked).toContain('EU Dashboard');
      expect(asked).toContain('US Dashboard');
      expect(asked).not.toContain(next);
      await app.press(KEYS.down, KEYS.enter);
      await app.waitFor(next);
    });

  it('says there is no provider to upload to, and asks nothing', async () => {
    const portal = stubbedPortal().on(ProvidersQuery, () => ({ providers: page([]) }));
    app = renderStub(portal, { size: { columns: 120, rows: 30 } });
    await app.waitFor('Certificates (');
    await app.press('u');
    const frame = await app.waitFor('No provider: add a Dashboard first.');
    expect(frame).not.toContain('PEM file');
  });
});
