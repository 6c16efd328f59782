import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterEach, describe, expect, it } from 'vitest';
import { expectManagedAccess, graphql, servers } from './support/portal.ts';
import { portal } from './support/stories.ts';
import type { Terminal } from './support/terminal.ts';
import { escapeRegExp, openTui, pickOrganisation } from './support/tui.ts';

/** `u` in :certs: the PEM path, the inspection read before anything is sent, a name, one organisation. */
async function uploadInTui(
  terminal: Terminal,
  upload: { path: string; cert: TestCertificate; name: string; organisation: string },
) {
  const { name } = upload;
  terminal.keys('u');
  await terminal.waitFor(/PEM file/, `${name}: the upload dialog asking for a PEM file`);
  terminal.keys(upload.path, 'Enter');
  await terminal.waitFor(
    new RegExp(`SHA-256\\s+${sha256Hex(upload.cert.der)}[\\s\\S]*enter continue`),
    `${name}: the inspection of ${upload.path}`,
  );
  terminal.keys('Enter');
  await terminal.waitFor(/Name \(portal-only\)/, `${name}: the name step`);
  terminal.keys('C-u', name, 'Enter');
  await terminal.waitFor(/Organisations:/, `${name}: the organisations step`);
  await pickOrganisation(terminal, upload.organisation);
  await terminal.waitFor(new RegExp(`Uploaded ${escapeRegExp(name)}: `), `${name}: uploaded`);
}

describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] the admin uploads and approves in the TUI',
  (database, server) => {
    let terminal: Terminal | undefined;
    let pemDir: string | undefined;
    afterEach(() => {
      terminal?.close();
      if (pemDir) rmSync(pemDir, { recursive: true, force: true });
    });

    it('Managed: the admin uploads two certificates for an organisation in the TUI, its consumer requests over GraphQL, the admin approves in the TUI, the token works with those certificates only', async () => {
      const p = portal(server);
      // Short and unique per run: the table cuts long cells, and both servers share the Dashboard.
      const tag = `${database[0]}${Date.now().toString(36).slice(-6)}`;
      const provider = await p.provider();
      const acmeName = `acme ${tag}`;
      const acme = await p.organisation(acmeName);
      const other = await p.organisation(`umbrella ${tag}`);
      const [one, two, theirs] = await Promise.all(
        [`CN=${tag} one`, `CN=${tag} two`, `CN=${tag} umbrella`].map((name) =>
          makeCertificate({ name, freshKey: true }),
        ),
      );
      // Another organisation's certificate, uploaded over GraphQL: there only to be refused.
      await p.upload(provider, theirs!, other);
      pemDir = mkdtempSync(join(tmpdir(), 'mtls-e2e-pem-'));
      const files = { one: join(pemDir, 'one.pem'), two: join(pemDir, 'two.pem') };
      writeFileSync(files.one, one!.pem);
      writeFileSync(files.two, two!.pem);

      terminal = openTui(server);
      await terminal.waitFor(/Certificates/, 'the certificates view');
      await uploadInTui(terminal, {
        path: files.one,
        cert: one!,
        name: `${tag} first`,
        organisation: acmeName,
      });
      await uploadInTui(terminal, {
        path: files.two,
        cert: two!,
        name: `${tag} second`,
        organisation: acmeName,
      });
      terminal.keys('/', tag, 'Enter');
      await terminal.waitFor(
        new RegExp(
          `${tag} first\\s+${tag} one\\s.*${acmeName}[\\s\\S]*${tag} second\\s+${tag} two\\s.*${acmeName}`,
        ),
        'both uploads in :certs with their names and organisation',
      );

      const consumer = await p.consumer(acme, 'acme tui dev');
      const appName = `a${tag}`;
      const request = await p.request(consumer, {
        product: await p.product(provider, `Managed ${tag}`, 'MANAGED', true),
        plan: await p.plan(`plan ${tag}`),
        appName,
      });
      terminal.keys(':requests', 'Enter');
      await terminal.waitFor(new RegExp(appName), 'the pending request in :requests');
      terminal.keys('/', appName, 'Enter');
      await terminal.waitFor(new RegExp(`${appName}.*pending`, 'i'), 'the filtered pending request');
      terminal.keys('a');
      await terminal.waitFor(new RegExp(`Approve ${appName}'s request`), 'the approve confirmation');
      terminal.keys('y');
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
      await expectManagedAccess(token, [one!, two!], theirs!);
    });
  },
);
