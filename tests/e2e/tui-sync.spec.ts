import { makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterEach, describe, expect, it } from 'vitest';
import { ORG_ID } from '../support/core-harness.ts';
import { dashboard, servers } from './support/portal.ts';
import { portal } from './support/stories.ts';
import type { Terminal } from './support/terminal.ts';
import { openTui, pickOrganisation } from './support/tui.ts';

/**
 * `:sync`, `s`, and the new run read from the runs table once it is listed as SUCCEEDED: the
 * listing's count tells the new run from the ones before it.
 */
async function syncInTui(terminal: Terminal, step: string) {
  terminal.keys(':sync', 'Enter');
  // Without `loading…` after the count: the listing has arrived.
  const listed = /Sync runs \((\d+)\)$/m;
  const before = Number(listed.exec(await terminal.waitFor(listed, `${step}: the :sync view`))![1]);
  terminal.keys('s');
  const screen = await terminal.waitFor(
    (s) => listed.exec(s)?.[1] === String(before + 1) && /succeeded/.test(newestRun(s)),
    `${step}: the sync run listed as succeeded`,
    30_000,
  );
  const [added, restored, softDeleted] = /manual\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)/
    .exec(newestRun(screen))!
    .slice(1)
    .map(Number);
  return { added, restored, softDeleted };
}

/** The first row under the runs table's header: runs are listed newest first. */
function newestRun(screen: string): string {
  const lines = screen.split('\n');
  return lines[lines.findIndex((l) => /STARTED\s+PROVIDER/.test(l)) + 1] ?? '';
}

/** `:certs` filtered to one subject CN prefix. */
async function showCertificates(terminal: Terminal, search: string, step: string) {
  terminal.keys(':certs', 'Enter');
  await terminal.waitFor(/Certificates \(/, `${step}: the :certs view`);
  terminal.keys('/', search, 'Enter');
  await terminal.waitFor(new RegExp(`filter: ${search}$`, 'm'), `${step}: :certs filtered to ${search}`);
}

describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] a sync started in the TUI, as the admin sees it',
  (database, server) => {
    let terminal: Terminal | undefined;
    afterEach(() => terminal?.close());

    it('shows a certificate added in the Dashboard, then soft-deleted when removed there, then restored with its name and organisation', async () => {
      // Unique per run: both servers sync the one mock Dashboard.
      const tag = `${database[0]}${Date.now().toString(36).slice(-6)}`;
      const cn = `${tag} from dashboard`;
      const name = `${tag} partner`;
      const orgName = `partner org ${tag}`;
      const cert = await makeCertificate({ name: `CN=${cn}`, freshKey: true });
      const sha256 = sha256Hex(cert.der);
      // Listed before the one to pick, whether by name or by age: the picker has to move to it.
      await portal(server).organisation(`decoy org ${tag}`);
      await portal(server).organisation(orgName);
      const form = new FormData();
      form.set('cert', new Blob([cert.pem]), 'cert.pem');
      expect((await dashboard('POST', '/api/certs', form)).status).toBe(200);

      terminal = openTui(server);
      await terminal.waitFor(/Certificates \(/, 'the certificates view');
      expect((await syncInTui(terminal, 'first sync')).added).toBeGreaterThanOrEqual(1);
      await showCertificates(terminal, tag, 'after the first sync');
      await terminal.waitFor(
        // Unnamed: the NAME column shows its CN (dimmed); no organisation: '-'.
        new RegExp(`^\\s+${cn}\\s+${cn}\\s.*\\s-\\s.*valid\\s+dashboard$`, 'm'),
        'the Dashboard certificate listed, unnamed and in no organisation',
      );

      terminal.keys('r');
      await terminal.waitFor(/Portal-only name/, 'the rename dialog');
      terminal.keys(name, 'Enter');
      await terminal.waitFor(new RegExp(`Renamed to ${name}\\.`), 'the rename confirmed');
      terminal.keys('o');
      await terminal.waitFor(new RegExp(`Organisations of ${name}`), 'the organisations dialog');
      await pickOrganisation(terminal, orgName);
      await terminal.waitFor(
        new RegExp(`\\s${name}\\s+${cn}\\s.*${orgName}\\s.*dashboard$`, 'm'),
        'the certificate named and in its organisation',
      );

      expect((await dashboard('DELETE', `/api/certs/${ORG_ID}${sha256}`)).status).toBe(200);
      expect((await syncInTui(terminal, 'sync after the delete')).softDeleted).toBeGreaterThanOrEqual(1);
      await showCertificates(terminal, tag, 'after the delete');
      await terminal.waitFor(
        new RegExp(`deleted: hidden  filter: ${tag}$[\\s\\S]*No certificate matches ${tag}\\.`, 'm'),
        'the soft-deleted certificate hidden by default',
      );
      terminal.keys('x');
      await terminal.waitFor(
        new RegExp(`^\\s*x ${name}\\s+${cn}\\s.*${orgName}\\s.*deleted$`, 'm'),
        'the certificate shown soft-deleted, with its name and organisation',
      );

      const again = new FormData();
      again.set('cert', new Blob([cert.pem]), 'cert.pem');
      expect((await dashboard('POST', '/api/certs', again)).status).toBe(200);
      expect((await syncInTui(terminal, 'sync after the re-add')).restored).toBeGreaterThanOrEqual(1);
      await showCertificates(terminal, tag, 'after the re-add');
      await terminal.waitFor(
        new RegExp(
          `deleted: hidden  filter: ${tag}$\\n.*NAME.*\\n\\s+${name}\\s+${cn}\\s.*${orgName}\\s.*dashboard$`,
          'm',
        ),
        'the certificate restored with its name and organisation',
      );
    });
  },
);
