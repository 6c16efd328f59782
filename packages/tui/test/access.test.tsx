// Access requests and the request-check explainer, driven by keys against a live server: approve
// and watch provisioning live, reject with a reason, then ask why the Gateway would refuse a call.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, Plan, Product } from '@repo/core';
import { makeCertificate } from '@repo/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type RenderedApp, renderApp } from '../src/testing/render.tsx';
import {
  dashboard,
  type LiveServer,
  PAYMENTS_API_ID,
  startLiveServer,
  system,
  unwrap,
} from './support/live-server.ts';

describe('access requests and the explainer (live server)', () => {
  let server: LiveServer;
  let dir: string;
  let app: RenderedApp | undefined;
  let consumer: { actor: Actor; token: string };
  let plan: Plan;
  let managed: Product;

  beforeAll(async () => {
    server = await startLiveServer();
    dir = await mkdtemp(join(tmpdir(), 'tui-access-'));
    const [acme] = server.organisations;
    const cert = await makeCertificate({ name: 'CN=acme-payments.example.com' });
    await writeFile(join(dir, 'acme.pem'), cert.pem);
    const upload = {
      providerId: server.provider.id,
      pem: cert.pem,
      name: 'acme-payments',
      organisationIds: [acme!.id],
    };
    unwrap(await server.core.certificates.upload(upload, system));
    const created = unwrap(
      await server.core.users.create(
        { role: 'CONSUMER', name: 'Acme dev', organisationId: acme!.id },
        system,
      ),
    );
    consumer = { actor: (await server.core.users.authenticate(created.token))!.actor, token: created.token };
    plan = unwrap(await server.core.plans.create({ name: 'Gold', rate: 10, per: 1 }, system));
    managed = unwrap(
      await server.core.products.create(
        {
          providerId: server.provider.id,
          name: 'Payments (Managed)',
          apiIds: [PAYMENTS_API_ID],
          certificateMode: 'MANAGED',
          bindCertificateToToken: true,
        },
        system,
      ),
    );
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function request(appName: string) {
    const created = unwrap(await server.core.apps.create({ name: appName }, consumer.actor));
    return unwrap(
      await server.core.accessRequests.submit(
        { appId: created.id, productId: managed.id, planId: plan.id },
        consumer.actor,
      ),
    );
  }

  async function openRequests(): Promise<RenderedApp> {
    const rendered = await renderApp(server.url, server.token, { cwd: dir });
    await rendered.waitFor('Certificates (');
    await rendered.press(':');
    await rendered.type('requests');
    await rendered.press(KEYS.enter);
    return rendered;
  }

  it('approves a request and follows its provisioning live to APPROVED', async () => {
    await request('Mobile');
    app = await openRequests();
    await app.waitFor(/Mobile\s+Payments \(Managed\)\s+Gold\s+pending/);
    await app.press('a');
    // Approving provisions keys on the Gateway: it asks first, and n changes nothing.
    await app.waitFor("Approve Mobile's request for Payments (Managed) on Gold?");
    await app.press('n');
    await app.waitFor((f) => !f.includes('Approve Mobile') && /Gold\s+pending/.test(f));
    await app.press('a');
    await app.waitFor("Approve Mobile's request for Payments (Managed) on Gold?");
    await app.press('y');
    await app.waitFor('approved, provisioning…');
    await app.waitFor(
      (f) =>
        /Mobile\s+Payments \(Managed\)\s+Gold\s+approved/.test(f) &&
        f.includes('Mobile → Payments (Managed): approved'),
    );
    await app.press(KEYS.enter);
    const detail = await app.waitFor('Credentials');
    expect(detail).toMatch(/Status\s+approved · 1 attempt/);
    expect(detail).toMatch(/key issued .* · live/);
    expect(detail).toContain("the organisation's (Managed)");
  });

  it('rejects with a reason the consumer reads; a reason is required', async () => {
    await request('Web');
    app = await openRequests();
    await app.waitFor(/Web\s+Payments \(Managed\)\s+Gold\s+pending/);
    await app.press('/');
    await app.type('pending');
    await app.press(KEYS.enter);
    await app.waitFor('Access requests (1, 1 pending)');
    await app.press('x');
    await app.waitFor("Reject Web's request for Payments (Managed)?");
    await app.press(KEYS.enter);
    await app.waitFor('A reason is required');
    await app.type('Use the Self-Serve product');
    await app.press(KEYS.enter);
    await app.waitFor('Web → Payments (Managed): rejected.');
    await app.press(KEYS.esc); // clear the filter
    await app.waitFor(/Web\s+Payments \(Managed\)\s+Gold\s+rejected\s+\d+\s+Use the Self-Serve product/);
  });

  it('explains each Gateway check: refused without a token, let through with the issued one', async () => {
    const gql = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${consumer.token}` },
      body: JSON.stringify({
        query: '{ accessRequests(filter: { status: APPROVED }) { nodes { credentials { token } } } }',
      }),
    });
    const token = (
      (await gql.json()) as { data: { accessRequests: { nodes: { credentials: { token: string }[] }[] } } }
    ).data.accessRequests.nodes[0]!.credentials[0]!.token;

    app = await renderApp(server.url, server.token, { cwd: dir });
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('check');
    await app.press(KEYS.enter);
    await app.waitFor('API (from the products)');
    await app.press(KEYS.enter); // Payments API
    await app.waitFor('PEM file the client presents');
    await app.type('acme.pem');
    await app.press(KEYS.enter);
    await app.waitFor('Authorization token');
    await app.press(KEYS.enter); // no token
    let frame = await app.waitFor('The Gateway would refuse this request.');
    expect(frame).toMatch(/First failure: TOKEN_PRESENT → HTTP 40\d/);
    expect(frame).toMatch(/✓ pass\s+TLS_CLIENT_CERTIFICATE/);
    expect(frame).toMatch(/✓ pass\s+ALLOW_LIST/);
    expect(frame).toMatch(/✗ FAIL\s+TOKEN_PRESENT/);
    // Each check in full below the list: j/k pick it.
    expect(frame).toMatch(/›\s+✓ pass\s+TLS_CLIENT_CERTIFICATE/);
    for (let i = 0; i < 8 && !/› ✗ FAIL\s+TOKEN_PRESENT/.test(app.lastFrame()); i++) await app.press('j');
    frame = await app.waitFor(/The Gateway answers HTTP 40\d/);
    expect(frame).toMatch(/TOKEN_PRESENT ✗ FAIL/);

    await app.press('n');
    await app.waitFor('API (from the products)');
    await app.press(KEYS.enter);
    await app.waitFor('PEM file the client presents');
    await app.type('acme.pem');
    await app.press(KEYS.enter);
    await app.waitFor('Authorization token');
    await app.type(token);
    expect(app.lastFrame()).not.toContain(token); // typed as dots
    await app.press(KEYS.enter);
    frame = await app.waitFor('would let this request through');
    expect(frame).toMatch(/✓ pass\s+CERTIFICATE_BINDING/);
    expect(frame).not.toContain('First failure');
  });

  it("checks an access request with its own credential: only the client's PEM is asked", async () => {
    app = await openRequests();
    await app.waitFor(/Mobile\s+Payments \(Managed\)\s+Gold\s+approved/);
    await app.press('/');
    await app.type('Mobile');
    await app.press(KEYS.enter);
    await app.waitFor('Access requests (1');
    await app.press(KEYS.enter);
    await app.waitFor('Credentials');
    await app.press('C');
    await app.waitFor('PEM file the client presents');
    await app.type('acme.pem');
    await app.press(KEYS.enter);
    const frame = await app.waitFor("would let the request's client through");
    expect(frame).toContain("Sent with the request's live credential (not shown).");
    expect(frame).toMatch(/Payments API \([0-9a-f]{32}\)/);
    expect(frame).toMatch(/✓ pass\s+CERTIFICATE_BINDING/);
  });

  it("changes a product's binding under approved access, showing Tyk's warning", async () => {
    app = await renderApp(server.url, server.token);
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('products');
    await app.press(KEYS.enter);
    await app.waitFor(
      /Payments \(Managed\)\s+Mock Dashboard\s+Auth Token \+ mTLS\s+Managed\s+yes\s+Payments API/,
    );
    await app.press('b');
    await app.waitFor('Payments (Managed): binding → not bound?');
    await app.press('y');
    const frame = await app.waitFor('Changed. Tyk warns:');
    expect(frame).toMatch(/⚠ \S+/);
    await app.press(KEYS.enter);
    await app.waitFor(/Auth Token \+ mTLS\s+Managed\s+no\s+Payments API/);
  });

  it('re-provisions an approved request, and revokes it after asking', async () => {
    const kiosk = await request('Kiosk');
    unwrap(await server.core.accessRequests.approve(kiosk.id, system));
    app = await openRequests();
    await app.press('/');
    await app.type('Kiosk');
    await app.press(KEYS.enter);
    await app.waitFor(/Kiosk\s+Payments \(Managed\)\s+Gold\s+approved/, 30_000);
    const hints = app.lastFrame();
    expect(hints).toMatch(/<P> re-provision/);
    expect(hints).not.toMatch(/<a> approve/);

    await app.press('P');
    await app.waitFor('Kiosk → Payments (Managed): re-provisioning…');
    await app.waitFor('Kiosk → Payments (Managed): approved', 30_000);

    await app.press(KEYS.ctrlD);
    await app.waitFor("Revoke Kiosk's access to Payments (Managed)?");
    await app.press('n');
    await app.waitFor((f) => !f.includes('Revoke Kiosk') && /Gold\s+approved/.test(f));
    await app.press(KEYS.ctrlD);
    await app.waitFor("Revoke Kiosk's access to Payments (Managed)?");
    await app.press('y');
    await app.waitFor('Kiosk → Payments (Managed): revoked.');
    await app.waitFor(/Kiosk\s+Payments \(Managed\)\s+Gold\s+revoked/);
    expect((await server.core.accessRequests.get(kiosk.id, system))?.status).toBe('REVOKED');
  });

  it("shows a provider's drift and repairs it after asking", async () => {
    // Someone empties the API's allow list in the Dashboard behind the portal's back.
    const api = (await dashboard(server.mock, 'GET', `/api/apis/${PAYMENTS_API_ID}`)) as {
      api_definition: { client_certificates: string[] };
    };
    expect(api.api_definition.client_certificates.length).toBeGreaterThan(0);
    api.api_definition.client_certificates = [];
    await dashboard(server.mock, 'PUT', `/api/apis/${PAYMENTS_API_ID}`, api);

    app = await renderApp(server.url, server.token);
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('providers');
    await app.press(KEYS.enter);
    await app.waitFor(/Mock Dashboard\s+http/);
    await app.press('D');
    const found = await app.waitFor(/missing from allow list\s+Payments API\s+Mobile → Payments \(Managed\)/);
    expect(found).toContain('Drift (');
    await app.press('F');
    await app.waitFor(/Repair \d+ finding\(s\)\?/);
    await app.press('y');
    await app.waitFor(/Queued repairs for \d+ finding\(s\)/);
    // The provisioning worker writes the Dashboard back; reading it again shows no drift.
    const deadline = Date.now() + 30_000;
    while (!app.lastFrame().includes('No drift') && Date.now() < deadline) {
      await app.press(KEYS.ctrlR);
      await app.waitFor((f) => !f.includes('reading the Dashboard'));
    }
    expect(app.lastFrame()).toContain('No drift: the Dashboard matches what the portal granted.');
  });
});
