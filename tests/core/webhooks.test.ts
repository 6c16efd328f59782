import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Core, createCore, SIGNATURE_HEADER, type WebhookEvent, webhookSignature } from '@repo/core';
import { describeDatabases, insertTestCertificates, makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterEach, expect, it } from 'vitest';
import { ACCESS_SEED, consumerOrganisation, gold, must, PAYMENTS_API } from '../support/access-fixtures.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';

// Webhooks (lifecycle issue, item 5): certificate.expiring, certificate.expired,
// certificate.soft_deleted and access.lost reach a local receiver, signed with HMAC-SHA256, at least
// once: a receiver that fails gets the same event (same delivery id) again after a backoff.
describeDatabases('webhooks', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });
  const SECRET = 'webhook-test-secret-0123456789';
  const DAY = 86_400_000;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  interface Received {
    readonly headers: IncomingHttpHeaders;
    readonly body: string;
    readonly answered: number;
  }

  /** A receiver that answers 500 to the first delivery of each `failFirst` event type, 204 after. */
  async function receiver(failFirst: readonly string[] = []) {
    const received: Received[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const type = String(request.headers['x-mtls-portal-event']);
        const seen = received.some((r) => r.headers['x-mtls-portal-event'] === type);
        const answered = failFirst.includes(type) && !seen ? 500 : 204;
        received.push({ headers: request.headers, body, answered });
        response.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
  }

  const withWebhook = (url: string, maxAttempts?: number): Core =>
    createCore({
      db: ctx.db,
      secrets: h.secrets,
      dashboard: { retries: 0, backoffMs: 1 },
      webhook: { url, secret: SECRET, ...(maxAttempts ? { maxAttempts } : {}) },
    });

  it('delivers the four events, signed, and retries a failed delivery with the same id', async () => {
    const hooks = await receiver(['certificate.soft_deleted']);
    const core = withWebhook(hooks.url);
    const acme = await consumerOrganisation(core, 'Acme');
    const only = await makeCertificate({ name: 'CN=only', freshKey: true });
    const soon = await makeCertificate({
      name: 'CN=soon',
      freshKey: true,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 10 * DAY),
    });
    for (const cert of [only, soon])
      must(
        await core.certificates.upload(
          { providerId: h.provider.id, pem: cert.pem, organisationIds: [] },
          ADMIN,
        ),
      );
    const onlyId = (await ctx.db.query.certificates.findFirst({ where: { subjectCn: 'only' } }))!.id;
    must(await core.certificates.setOrganisations(onlyId, [acme.organisationId], ADMIN));
    const [expired] = await insertTestCertificates(ctx.db, h.provider, [
      { name: 'expired', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) },
    ]);
    const product = must(
      await core.products.create(
        { providerId: h.provider.id, name: 'Payments', apiIds: [PAYMENTS_API], certificateMode: 'MANAGED' },
        ADMIN,
      ),
    );
    const request = must(
      await core.accessRequests.submit(
        { appId: acme.app.id, productId: product.id, planId: (await gold(core)).id },
        acme.actor,
      ),
    );
    must(await core.accessRequests.approve(request.id, h.admin));
    while ((await core.provisioning.runDue()) > 0);

    must(await core.expiry.scan());
    // Gone from the Dashboard: the sync soft-deletes it, and the grant loses its only certificate.
    expect((await h.dashboard('DELETE', `/api/certs/${ORG_ID}${sha256Hex(only.der)}`)).status).toBe(200);
    must(await core.sync.run(h.provider.id, 'MANUAL', ADMIN));

    // The runner delivers; the receiver's first soft_deleted fails and comes back after the backoff.
    // Done when every event (by delivery id) has been answered 204, the retried one included.
    const undelivered = () => {
      const ids = new Set(hooks.received.map((r) => String(r.headers['x-mtls-portal-delivery'])));
      for (const r of hooks.received)
        if (r.answered === 204) ids.delete(String(r.headers['x-mtls-portal-delivery']));
      return ids.size;
    };
    const types = () =>
      [...new Set(hooks.received.map((r) => String(r.headers['x-mtls-portal-event'])))].sort();
    await expect
      .poll(
        async () => {
          await core.provisioning.runDue();
          return { types: types(), undelivered: undelivered() };
        },
        { timeout: 15_000, interval: 200 },
      )
      .toEqual({
        types: ['access.lost', 'certificate.expired', 'certificate.expiring', 'certificate.soft_deleted'],
        undelivered: 0,
      });

    for (const r of hooks.received) {
      const [t, v1] = String(r.headers[SIGNATURE_HEADER])
        .split(',')
        .map((part) => part.split('=')[1]!);
      expect(v1).toBe(webhookSignature(SECRET, Number(t), r.body));
      const event = JSON.parse(r.body) as WebhookEvent;
      expect(event.id).toBe(r.headers['x-mtls-portal-delivery']);
      expect(event.type).toBe(r.headers['x-mtls-portal-event']);
    }
    const events = (type: string) =>
      hooks.received
        .filter((r) => r.headers['x-mtls-portal-event'] === type)
        .map((r) => JSON.parse(r.body) as WebhookEvent);
    expect(events('certificate.expired').map((e) => e.data.certificateId)).toEqual([expired!.id]);
    expect(events('certificate.expiring')[0]!.data).toMatchObject({ notAfter: expect.any(String) });
    // Both are soft-deleted by the sync (the expired row was never in the Dashboard); the first
    // delivery failed and was sent again with the same id: at least once.
    const softDeleted = events('certificate.soft_deleted');
    expect(new Set(softDeleted.map((e) => e.data.certificateId))).toEqual(new Set([onlyId, expired!.id]));
    expect(softDeleted).toHaveLength(3);
    const first = hooks.received.find((r) => r.answered === 500)!;
    expect(softDeleted.filter((e) => e.id === (JSON.parse(first.body) as WebhookEvent).id)).toHaveLength(2);
    expect(events('access.lost')[0]!.data).toEqual({
      accessRequestId: request.id,
      reason: 'CERTIFICATE_DELETED',
      appId: acme.app.id,
      productId: product.id,
    });
  });

  it('shows a delivery the receiver refused until attempts ran out, and redelivers it, same id', async () => {
    // A receiver that is down (503) until told otherwise, keeping the delivery id of what it accepts.
    let down = true;
    const accepted: string[] = [];
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (!down) accepted.push(String(request.headers['x-mtls-portal-delivery']));
        response.writeHead(down ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const core = withWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, 1);
    await insertTestCertificates(ctx.db, h.provider, [
      { name: 'expired', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) },
    ]);
    must(await core.expiry.scan());
    while ((await core.provisioning.runDue()) > 0);

    const failed = must(await core.webhooks.deliveries({ status: ['FAILED'] }, {}, ADMIN)).nodes;
    expect(failed).toEqual([
      expect.objectContaining({
        type: 'certificate.expired',
        status: 'FAILED',
        attempts: 1,
        maxAttempts: 1,
        lastError: 'the receiver answered HTTP 503',
        nextAttemptAt: null,
      }),
    ]);
    const id = failed[0]!.id;
    expect(must(await core.webhooks.deliveries({ status: ['DELIVERED'] }, {}, ADMIN)).nodes).toEqual([]);
    expect((await core.webhooks.deliveriesByIds([id], ADMIN)).map((d) => d.status)).toEqual(['FAILED']);

    down = false;
    expect(must(await core.webhooks.redeliver(id, ADMIN))).toMatchObject({
      id,
      status: 'PENDING',
      attempts: 0,
    });
    while ((await core.provisioning.runDue()) > 0);
    expect(must(await core.webhooks.deliveries({}, {}, ADMIN)).nodes).toEqual([
      expect.objectContaining({ id, status: 'DELIVERED', attempts: 1, lastError: null }),
    ]);
    expect(accepted).toEqual([id]);
    expect(
      await ctx.db.query.auditEvents.findMany({ where: { action: 'webhook.redeliver', subjectId: id } }),
    ).toHaveLength(1);

    // Admins only; an unknown id; a server that sends no webhooks cannot redeliver.
    const acme = await consumerOrganisation(core, 'Acme');
    expect(await core.webhooks.deliveries({}, {}, acme.actor)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await core.webhooks.deliveriesByIds([id], acme.actor)).toEqual([]);
    expect(await core.webhooks.redeliver(id, acme.actor)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await core.webhooks.redeliver('whe_01m8gzzzzzzzzzzzzzzzzzzzzz', ADMIN)).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.core.webhooks.redeliver(id, ADMIN)).toMatchObject({
      error: { code: 'WEBHOOKS_NOT_CONFIGURED' },
    });
  });

  it('queues nothing when no webhook is configured', async () => {
    const [expired] = await insertTestCertificates(ctx.db, h.provider, [
      { name: 'expired', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) },
    ]);
    must(await h.core.expiry.scan());
    expect(expired).toBeDefined();
    expect(await ctx.db.query.jobs.findMany({ where: { kind: 'webhook.deliver' } })).toEqual([]);
  });
});
