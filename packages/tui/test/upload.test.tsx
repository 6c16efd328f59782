// The upload flow driven by keys against a live server and the mock Dashboard: inspect first,
// then name and organisations, then the certificate is in the table and in the Dashboard.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const DAY = 86_400_000;

describe('upload (live server)', () => {
  let server: LiveServer;
  let dir: string;
  let app: RenderedApp | undefined;

  beforeAll(async () => {
    server = await startLiveServer();
    dir = await mkdtemp(join(tmpdir(), 'tui-upload-'));
  });
  afterEach(() => app?.unmount());
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('inspects the PEM, then uploads it with a name and an organisation', async () => {
    const cert = await makeCertificate({
      name: 'CN=upload-client.example.com, O=Acme',
      san: { dns: ['upload-client.example.com'] },
    });
    const sha256 = createHash('sha256').update(cert.der).digest('hex');
    await writeFile(join(dir, 'client.pem'), cert.pem);
    app = await renderApp(server.url, server.token, { cwd: dir });
    await app.waitFor('No certificates.');

    await app.press('u');
    await app.waitFor('PEM file');
    await app.type('client.pem');
    await app.press(KEYS.enter);
    // Inspection before anything is sent: metadata, fingerprint, and nothing in the store yet.
    const inspected = await app.waitFor('enter continue');
    expect(inspected).toContain('CN=upload-client.example.com');
    expect(inspected).toContain(sha256);
    expect(inspected).toContain('dns:upload-client.example.com');
    expect(((await dashboard(server.mock, 'GET', '/api/certs')) as { certs: string[] }).certs).toEqual([]);

    await app.press(KEYS.enter);
    await app.waitFor('Name (portal-only)');
    await app.press(...Array(30).fill(KEYS.backspace));
    await app.type('payments-client');
    await app.press(KEYS.enter);
    await app.waitFor('Acme Payments');
    await app.press(KEYS.space, KEYS.enter);

    const frame = await app.waitFor(
      (f) => f.includes('Uploaded payments-client: created') && f.includes('(1/1)'),
    );
    expect(frame).toMatch(/payments-client\s+upload-client\.example\.com.*Acme Payments.*valid\s+portal/);
    const certs = (await dashboard(server.mock, 'GET', '/api/certs')) as { certs: string[] };
    expect(certs.certs.map((id) => id.slice(-64))).toEqual([sha256]);
  });

  it('shows lint warnings and a refusal before sending, and sends nothing', async () => {
    const expired = await makeCertificate({
      name: 'CN=old-server.example.com',
      eku: ['serverAuth'],
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    await writeFile(join(dir, 'expired.pem'), expired.pem);
    app = await renderApp(server.url, server.token, { cwd: dir });
    await app.waitFor('Certificates (');
    await app.press('u');
    await app.waitFor('PEM file');
    await app.type('missing.pem');
    await app.press(KEYS.enter);
    await app.waitFor(/Cannot read .*missing\.pem: ENOENT/);

    await app.press(...Array(12).fill(KEYS.backspace));
    await app.type('expired.pem');
    await app.press(KEYS.enter);
    const frame = await app.waitFor('An upload would be refused');
    expect(frame).toContain('CERTIFICATE_EXPIRED');
    expect(frame).toMatch(/⚠ NO_CLIENT_AUTH_EKU/);
    expect(frame).toContain('esc close');
    await app.press(KEYS.enter);
    expect(app.lastFrame()).not.toContain('Name (portal-only)');
    await app.press(KEYS.esc);
    await app.waitFor((f) => !f.includes('Upload a certificate'));
  });

  it('imports a directory: a dry run first, then `y` imports with progress; a refused file says why', async () => {
    const fleet = join(dir, 'fleet');
    await mkdir(fleet);
    const [one, two, three] = await Promise.all(
      ['CN=fleet-one', 'CN=fleet-two', 'CN=fleet-three'].map((name) => makeCertificate({ name })),
    );
    await writeFile(join(fleet, 'pair.pem'), one!.pem + two!.pem);
    await writeFile(join(fleet, 'three.crt'), three!.pem);
    await writeFile(join(fleet, 'three.key.pem'), three!.keyPem);
    await writeFile(join(fleet, 'README.txt'), 'not read: not a certificate file');
    app = await renderApp(server.url, server.token, { cwd: dir });
    await app.waitFor('Certificates (');

    await app.press('I');
    await app.waitFor('Directory (its .pem, .crt and .cer files');
    await app.type('fleet');
    await app.press(KEYS.enter);
    await app.waitFor('3 files in');
    await app.press(KEYS.enter); // the name pattern: {cn}
    await app.waitFor('Organisations for all of them');
    await app.press(KEYS.enter);
    const dry = await app.waitFor('Would import 4: 3 new, 0 restored, 0 already present, 1 refused');
    expect(dry).toMatch(/three\.key\.pem #1: PEM_PRIVATE_KEY/);
    expect(((await dashboard(server.mock, 'GET', '/api/certs')) as { certs: string[] }).certs).toHaveLength(
      1,
    );

    await app.press('y');
    await app.waitFor('Importing');
    await app.waitFor('Imported 4: 3 new, 0 restored, 0 already present, 1 refused');
    expect(((await dashboard(server.mock, 'GET', '/api/certs')) as { certs: string[] }).certs).toHaveLength(
      4,
    );
    await app.press(KEYS.esc);
    const list = await app.waitFor((f) => f.includes('fleet-three') && f.includes('(1/4)'));
    expect(list).toMatch(/fleet-one\s+fleet-one/);
  });

  it('rotates a certificate: R starts the overlap from a PEM path and lists the grant; R then c completes', async () => {
    const [acme] = server.organisations;
    const [old, next] = await Promise.all(
      ['CN=rot-old', 'CN=rot-new'].map((name) => makeCertificate({ name })),
    );
    unwrap(
      await server.core.certificates.upload(
        { providerId: server.provider.id, pem: old!.pem, name: 'rot-old', organisationIds: [acme!.id] },
        system,
      ),
    );
    const product = unwrap(
      await server.core.products.create(
        {
          providerId: server.provider.id,
          name: 'Rotating',
          apiIds: [PAYMENTS_API_ID],
          certificateMode: 'MANAGED',
        },
        system,
      ),
    );
    const plan = unwrap(await server.core.plans.create({ name: 'Rotation plan', rate: 10, per: 1 }, system));
    const consumer = unwrap(
      await server.core.users.create({ role: 'CONSUMER', name: 'Rot dev', organisationId: acme!.id }, system),
    );
    const actor = { kind: 'CONSUMER', userId: consumer.user.id, organisationId: acme!.id } as const;
    const appId = unwrap(await server.core.apps.create({ name: 'Rot app' }, actor)).id;
    const request = unwrap(
      await server.core.accessRequests.submit({ appId, productId: product.id, planId: plan.id }, actor),
    );
    unwrap(await server.core.accessRequests.approve(request.id, system));
    await writeFile(join(dir, 'rot-new.pem'), next!.pem);

    app = await renderApp(server.url, server.token, { cwd: dir });
    await app.waitFor('Certificates (');
    await app.press('/');
    await app.type('rot-old');
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('rot-old') && f.includes('(1/1)'));
    await app.press('R');
    await app.waitFor('New certificate (PEM path)');
    await app.type('rot-new.pem');
    await app.press(KEYS.enter);
    const started = await app.waitFor('1 grant (certificates before → after)');
    // Acme's other certificates (earlier tests) are on the grant too: the new one joins them.
    const [, before, after] = /Rot app → Rotating: 1 API, key not bound, (\d+) → (\d+)/.exec(started) ?? [];
    expect(Number(after)).toBe(Number(before) + 1);
    expect(started).toContain('c complete');
    await app.press(KEYS.esc);

    // Later: R shows the rotation in its overlap, and c completes it.
    await app.press('R');
    await app.waitFor('In overlap with rot-new');
    await app.press('c');
    const completed = await app.waitFor('Rotation completed.');
    expect(completed).toContain(`${after} → ${before}`);
  });
});
