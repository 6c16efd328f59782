import { fileURLToPath } from 'node:url';
import { makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterEach, describe, expect, it } from 'vitest';
import { callGateway, graphql, servers } from './support/portal.ts';
import { portal } from './support/stories.ts';
import { Terminal } from './support/terminal.ts';

const tuiDir = fileURLToPath(new URL('../../packages/tui', import.meta.url));

describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] the admin approves in the TUI',
  (database, server) => {
    let terminal: Terminal | undefined;
    afterEach(() => terminal?.close());

    it('Managed: a consumer requests over GraphQL, the admin approves in the TUI, the token works with the organisation certificates only', async () => {
      const p = portal(server);
      const tag = `${database}-tui-${Date.now().toString(36)}`;
      const provider = await p.provider();
      const acme = await p.organisation(`Acme ${tag}`);
      const other = await p.organisation(`Umbrella ${tag}`);
      const [one, two, theirs] = await Promise.all(
        ['CN=tui one', 'CN=tui two', 'CN=tui umbrella'].map((name) =>
          makeCertificate({ name, freshKey: true }),
        ),
      );
      await p.upload(provider, one!, acme);
      await p.upload(provider, two!, acme);
      await p.upload(provider, theirs!, other);
      const consumer = await p.consumer(acme, 'acme tui dev');
      // Short: the table cuts long cells.
      const appName = `a${Date.now().toString(36).slice(-6)}`;
      const request = await p.request(consumer, {
        product: await p.product(provider, `Managed ${tag}`, 'MANAGED', true),
        plan: await p.plan(`plan ${tag}`),
        appName,
      });

      // CI=true as CI runners set it: Ink would then draw nothing until exit, and the TUI must not.
      terminal = Terminal.open(
        `CI=true NODE_ENV=production node --import tsx src/index.tsx --url ${server.graphqlUrl} --token ${server.adminToken}`,
        tuiDir,
      );
      await terminal.waitFor(/certificates|certs/i, 'the certificates view');
      terminal.keys(':requests', 'Enter');
      await terminal.waitFor(new RegExp(appName), 'the pending request in :requests');
      terminal.keys('/', appName, 'Enter');
      await terminal.waitFor(new RegExp(`${appName}.*pending`, 'i'), 'the filtered pending request');
      terminal.keys('a');
      await terminal.waitFor(new RegExp(`${appName}[^\\n]*approved`, 'i'), 'the request approved on screen');

      // The screen follows the request live; the server's answer is what counts.
      await expect
        .poll(
          async () => {
            const { node } = await graphql<{ node: { status: string } }>(
              server,
              `query State($id: ID!) { node(id: $id) { ... on AccessRequest { status } } }`,
              { id: request },
            );
            return node.status;
          },
          { timeout: 15_000 },
        )
        .toBe('APPROVED');
      const token = await p.token(consumer, request);
      expect(await callGateway('/payments/orders', { cert: one, token })).toMatchObject({ status: 200 });
      expect(await callGateway('/ledger/entries', { cert: two, token })).toMatchObject({ status: 200 });
      expect(await callGateway('/payments/orders', { cert: theirs, token })).toEqual({
        status: 403,
        body: { error: `Certificate with SHA256 ${sha256Hex(theirs!.der)} not allowed` },
      });
    });
  },
);
