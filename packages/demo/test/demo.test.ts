import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, createCore, SecretBox, systemActor } from '@repo/core';
import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { keptSecret } from '@repo/server/bootstrap';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDemo } from '../src/demo.ts';
import { demoBanner } from '../src/demo-banner.ts';

describeDatabases('the pnpm start demo', (ctx) => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mtls-demo-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const start = async () => {
    const core = createCore({
      db: ctx.db,
      secrets: new SecretBox(await keptSecret(dataDir, 'secret-key', SecretBox.generateKey)),
    });
    const demo = await startDemo(core, {
      dataDir,
      port: 0,
      gatewayPort: 0,
      logger: pino({ level: 'silent' }),
    });
    return { core, demo };
  };
  const actor = systemActor('test');
  /** The restart's sync found the Dashboard as the portal left it: nothing added or deleted. */
  const expectQuietResync = async (core: Core, unchanged: number) => {
    const latest = await core.sync.list({}, { first: 1 }, actor);
    expect(latest.ok && latest.value.nodes[0]).toMatchObject({
      status: 'SUCCEEDED',
      added: 0,
      softDeleted: 0,
      unchanged,
    });
  };

  it('seeds two organisations, valid / expiring / expired certificates and a synced provider', async () => {
    const { core, demo } = await start();
    try {
      expect((await core.organisations.all(actor)).map((o) => o.name)).toEqual([
        'Acme Payments',
        'Globex Retail',
      ]);
      const page = await core.certificates.list({}, { first: 10, sort: 'NAME' }, actor);
      if (!page.ok) throw page.error;
      expect(page.value.nodes.map((c) => [c.name, c.status])).toEqual([
        ['acme-payments-client', 'VALID'],
        ['acme-reports-client', 'EXPIRING_SOON'],
        ['globex-ledger-client', 'VALID'],
        ['globex-legacy-client', 'EXPIRED'],
      ]);
      const organisations = await core.certificates.organisationsOf(page.value.nodes.map((c) => c.id));
      expect(organisations.map((list) => list.map((o) => o.name))).toEqual([
        ['Acme Payments'],
        ['Acme Payments'],
        ['Globex Retail'],
        ['Globex Retail'],
      ]);
      const usage = await core.certificates.usage(page.value.nodes[0]!.id, actor);
      expect(usage.ok && usage.value.apis.map((a) => a.name)).toEqual(['Payments API']);
      const runs = await core.sync.list({}, {}, actor);
      expect(runs.ok && runs.value.nodes.map((r) => r.status)).toEqual(['SUCCEEDED']);
      // The access side: the Gold plan, three products, a consumer and an app per organisation, and
      // an approved Managed request whose token its organisation's consumer reads.
      expect((await core.plans.list()).map((p) => p.name)).toEqual(['Gold']);
      const products = await core.products.list();
      expect(products.map((p) => [p.name, p.authType, p.certificateMode, p.bindCertificateToToken])).toEqual([
        ['Ledger (Self-Serve)', 'AUTH_TOKEN_MTLS', 'SELF_SERVE', false],
        ['Payments (Managed)', 'AUTH_TOKEN_MTLS', 'MANAGED', true],
        ['Reports (JWT + mTLS)', 'JWT_MTLS', null, false],
      ]);
      expect(demo.consumers.map((c) => c.organisation)).toEqual(['Acme Payments', 'Globex Retail']);
      const acme = await core.users.authenticate(demo.consumers[0]!.token!);
      expect(acme?.user.name).toBe('Acme Payments developer');
      expect((await core.apps.list({}, actor)).map((a) => a.name)).toEqual(['Acme App', 'Globex App']);
      const requests = await core.accessRequests.list({}, {}, actor);
      if (!requests.ok) throw requests.error;
      const [request, ...others] = requests.value.nodes;
      expect(others).toEqual([]);
      expect(request?.status).toBe('APPROVED');
      const [credential] = await core.accessRequests.credentials([request!.id], acme!.actor);
      expect(credential?.token).toEqual(expect.any(String));
    } finally {
      await demo.mock.close();
    }
  });

  it('starts again over the same data: same certificates, the provider follows the new ports', async () => {
    const first = await start();
    await first.demo.mock.close();
    const again = await start();
    try {
      expect(again.demo.provider.dashboardUrl).toBe(again.demo.mock.dashboardUrl);
      expect(await again.core.providers.all()).toHaveLength(1);
      await expectQuietResync(again.core, 4);
      // Nothing is seeded twice, and the kept consumer tokens are printed again.
      expect(await again.core.products.list()).toHaveLength(3);
      const requests = await again.core.accessRequests.list({}, {}, actor);
      expect(requests.ok && requests.value.nodes).toHaveLength(1);
      expect(again.demo.consumers.map((c) => c.token)).toEqual(first.demo.consumers.map((c) => c.token));
    } finally {
      await again.demo.mock.close();
    }
  });

  it('keeps what was uploaded since, and its control key, across a restart', async () => {
    const first = await start();
    const extra = await makeCertificate({ name: 'CN=uploaded-after-start' });
    const uploaded = await first.core.certificates.upload(
      { providerId: first.demo.provider.id, pem: extra.pem },
      actor,
    );
    if (!uploaded.ok) throw uploaded.error;
    await first.demo.mock.close();

    const again = await start();
    try {
      expect(again.demo.mock.adminKey).toBe(first.demo.mock.adminKey);
      await expectQuietResync(again.core, 5);
      const state = await fetch(`${again.demo.mock.dashboardUrl}/_mock/state`, {
        headers: { 'x-mock-admin-key': again.demo.mock.adminKey },
      });
      const certificates = ((await state.json()) as { certificates: { id: string }[] }).certificates;
      expect(certificates.map((c) => c.id)).toContain(uploaded.value.certificate.tykId);
      expect(demoBanner(again.demo)).toContain(
        `  Mock control ${again.demo.mock.dashboardUrl}/_mock/   (header X-Mock-Admin-Key: ${again.demo.mock.adminKey}; faults, state)`,
      );
    } finally {
      await again.demo.mock.close();
    }
  });
});
