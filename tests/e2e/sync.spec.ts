import { makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { describe, expect, it } from 'vitest';
import { ORG_ID } from '../support/core-harness.ts';
import type { E2eServer } from './setup/global-setup.ts';
import { dashboard, finishedRun, graphql, servers } from './support/portal.ts';
import { portalId, receivedWebhooks } from './support/webhooks.ts';

const PROVIDER = `query Provider { providers(first: 1) { nodes { id } } }`;
const SYNC = `mutation SyncStart($provider: ID!) { syncRunStart(input: { provider: $provider }) { syncRun { id } userErrors { code message } } }`;
const FIND = `query FindCertificate($search: String!, $deleted: CertificateDeletedFilter) {
  certificates(first: 5, filter: { search: $search, deleted: $deleted }) {
    nodes { id name deletedAt source organisations { name } }
  }
}`;

async function sync(server: E2eServer) {
  const { providers } = await graphql<{ providers: { nodes: { id: string }[] } }>(server, PROVIDER);
  const started = await graphql<{ syncRunStart: { syncRun: { id: string } } }>(server, SYNC, {
    provider: providers.nodes[0]!.id,
  });
  return finishedRun(server, started.syncRunStart.syncRun.id);
}

async function find(server: E2eServer, sha256: string, deleted = 'INCLUDE') {
  const { certificates } = await graphql<{
    certificates: {
      nodes: {
        id: string;
        name: string | null;
        deletedAt: string | null;
        source: string;
        organisations: { name: string }[];
      }[];
    };
  }>(server, FIND, { search: sha256, deleted });
  return certificates.nodes[0];
}

describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] sync between the Dashboard and the portal, as separate processes',
  (database, server) => {
    it('shows a certificate added in the Dashboard, soft-deletes it when removed, restores it with its name and organisations', async () => {
      const cert = await makeCertificate({ name: 'CN=added in the dashboard', freshKey: true });
      const sha256 = sha256Hex(cert.der);
      const form = new FormData();
      form.set('cert', new Blob([cert.pem]), 'cert.pem');
      expect((await dashboard('POST', '/api/certs', form)).status).toBe(200);
      expect(await sync(server)).toMatchObject({ status: 'SUCCEEDED' });
      const found = await find(server, sha256);
      expect(found).toMatchObject({ source: 'DASHBOARD', deletedAt: null });

      const { organisationCreate } = await graphql<{ organisationCreate: { organisation: { id: string } } }>(
        server,
        `mutation OrgCreate($name: String!) { organisationCreate(input: { name: $name }) { organisation { id } userErrors { code message } } }`,
        { name: `E2E Sync Org ${database}` },
      );
      await graphql(
        server,
        `mutation Rename($id: ID!) { certificateRename(input: { certificate: $id, name: "e2e partner" }) { userErrors { code message } } }`,
        { id: found!.id },
      );
      await graphql(
        server,
        `mutation Orgs($id: ID!, $org: ID!) { certificateSetOrganisations(input: { certificate: $id, organisations: [$org] }) { userErrors { code message } } }`,
        {
          id: found!.id,
          org: organisationCreate.organisation.id,
        },
      );

      expect((await dashboard('DELETE', `/api/certs/${ORG_ID}${sha256}`)).status).toBe(200);
      expect(await sync(server)).toMatchObject({ status: 'SUCCEEDED', counts: { softDeleted: 1 } });
      expect(await find(server, sha256, 'ONLY')).toMatchObject({
        id: found!.id,
        deletedAt: expect.any(String),
      });
      // The operator hears of it: certificate.soft_deleted, signed, naming the run that saw it go.
      const softDeleted = async () =>
        (await receivedWebhooks()).filter(
          (e) => e.type === 'certificate.soft_deleted' && e.data.certificateId === portalId(found!.id),
        );
      await expect.poll(async () => (await softDeleted()).length, { timeout: 20_000 }).toBe(1);
      expect((await softDeleted())[0]!.data).toMatchObject({ syncRunId: expect.stringMatching(/^syn/) });

      const again = new FormData();
      again.set('cert', new Blob([cert.pem]), 'cert.pem');
      await dashboard('POST', '/api/certs', again);
      expect(await sync(server)).toMatchObject({ status: 'SUCCEEDED', counts: { restored: 1 } });
      expect(await find(server, sha256, 'EXCLUDE')).toMatchObject({
        id: found!.id,
        name: 'e2e partner',
        deletedAt: null,
        organisations: [{ name: `E2E Sync Org ${database}` }],
      });
    });

    it('changes nothing when the Dashboard fails during a sync, and the next run converges', async () => {
      const cert = await makeCertificate({ name: 'CN=during a fault', freshKey: true });
      await dashboard('POST', '/api/certs', cert.pem);
      await dashboard('POST', '/_mock/faults', {
        method: 'GET',
        path: '/api/certs/details',
        kind: 'status',
        status: 500,
      });
      const failed = await sync(server);
      expect(failed).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/Dashboard/) });
      expect(await find(server, sha256Hex(cert.der))).toBeUndefined();
      await dashboard('DELETE', '/_mock/faults');
      expect(await sync(server)).toMatchObject({ status: 'SUCCEEDED' });
      expect(await find(server, sha256Hex(cert.der))).toMatchObject({ deletedAt: null });
    });
  },
);
