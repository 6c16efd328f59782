import { makeCertificate } from '@repo/core/testing';
import { describe, expect, it } from 'vitest';
import { callGateway, servers } from './support/portal.ts';
import { portal } from './support/stories.ts';
import { portalId, receivedWebhooks } from './support/webhooks.ts';

// The lifecycle beyond Tyk's portal, through the server's GraphQL API and its provisioning worker,
// ending in real TLS requests at the mock Gateway. The servers run with MTLS_WEBHOOK_URL set to the
// suite's receiver: the stories that lose access or near an expiry read the signed events it got.
describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] certificate lifecycle',
  (database, server) => {
    const p = portal(server);
    const tag = `${database}-${Date.now().toString(36)}`;
    const POLL = { timeout: 20_000, interval: 100 };

    it('suspension takes a certificate out at once; resuming admits it again with the same token', async () => {
      const provider = await p.provider();
      const acme = await p.organisation(`Suspended Acme ${tag}`);
      const [one, two] = await Promise.all(
        ['CN=fleet one', 'CN=fleet two'].map((name) => makeCertificate({ name, freshKey: true })),
      );
      const oneId = await p.upload(provider, one!, acme);
      const twoId = await p.upload(provider, two!, acme);
      const consumer = await p.consumer(acme, 'fleet dev');
      const request = await p.request(consumer, {
        product: await p.product(provider, `Suspendable ${tag}`, 'MANAGED', true),
        plan: await p.plan(`fleet ${tag}`),
        appName: 'fleet app',
      });
      await p.approve(request);
      const token = await p.token(consumer, request);
      const status = async (cert: typeof one) =>
        (await callGateway('/payments/orders', { cert: cert!, token })).status;
      expect([await status(one), await status(two)]).toEqual([200, 200]);

      expect(await p.suspend(oneId, 'key in a public gist')).toEqual([]);
      await expect.poll(() => status(one), POLL).toBe(403);
      expect(await status(two)).toBe(200);
      expect(await p.accessLost(request)).toBeNull();

      expect(await p.suspend(twoId, 'the whole fleet')).toEqual([]);
      await expect.poll(() => p.accessLost(request), POLL).toBe('CERTIFICATE_SUSPENDED');
      expect(await status(two)).toBe(403);
      // The operator hears of it: access.lost, signed, POSTed by the server's job runner.
      const lost = async () =>
        (await receivedWebhooks()).filter(
          (e) => e.type === 'access.lost' && e.data.accessRequestId === portalId(request),
        );
      await expect.poll(async () => (await lost()).length, POLL).toBeGreaterThan(0);
      expect((await lost())[0]).toMatchObject({
        id: expect.stringMatching(/^whe_/),
        data: { reason: 'CERTIFICATE_SUSPENDED' },
        ageSeconds: expect.any(Number),
      });
      expect((await lost())[0]!.ageSeconds).toBeLessThan(300);
      // …and the server says it was delivered, under the id the receiver read.
      const heard = (await lost())[0]!.id;
      const delivery = async () => (await p.deliveries()).find((d) => portalId(d.id) === heard);
      await expect.poll(async () => (await delivery())?.status, POLL).toBe('DELIVERED');
      expect(await delivery()).toMatchObject({ type: 'ACCESS_LOST' });

      for (const id of [oneId, twoId]) expect(await p.resume(id)).toEqual([]);
      await expect.poll(() => p.accessLost(request), POLL).toBeNull();
      await expect.poll(async () => [await status(one), await status(two)], POLL).toEqual([200, 200]);
    });

    it('bulk import: a bundle of a fleet, and each imported certificate works with the issued token', async () => {
      const provider = await p.provider();
      const fleet = await p.organisation(`Fleet ${tag}`);
      const devices = await Promise.all(
        ['CN=device a', 'CN=device b', 'CN=device c'].map((name) =>
          makeCertificate({ name, freshKey: true }),
        ),
      );
      const counts = await p.import(
        provider,
        [
          { name: 'devices.pem', text: devices.map((d) => d.pem).join('') },
          { name: 'device-a.key.pem', text: devices[0]!.keyPem },
        ],
        fleet,
      );
      expect(counts).toEqual({ created: 3, restored: 0, updated: 0, refused: 1 });
      const consumer = await p.consumer(fleet, 'fleet admin');
      const request = await p.request(consumer, {
        product: await p.product(provider, `Fleet ${tag}`, 'MANAGED', true),
        plan: await p.plan(`fleet import ${tag}`),
        appName: 'devices',
      });
      await p.approve(request);
      const token = await p.token(consumer, request);
      for (const cert of devices)
        expect((await callGateway('/payments/orders', { cert, token })).status).toBe(200);
    });

    it('rotation: both certificates pass during the overlap; after completion only the new one', async () => {
      const provider = await p.provider();
      const acme = await p.organisation(`Rotating Acme ${tag}`);
      const [old, next] = await Promise.all(
        ['CN=rotating old', 'CN=rotating new'].map((name) => makeCertificate({ name, freshKey: true })),
      );
      const oldId = await p.upload(provider, old!, acme);
      const consumer = await p.consumer(acme, 'rotating dev');
      const request = await p.request(consumer, {
        product: await p.product(provider, `Rotating ${tag}`, 'MANAGED', true),
        plan: await p.plan(`rotating ${tag}`),
        appName: 'rotating app',
      });
      await p.approve(request);
      const token = await p.token(consumer, request);
      const status = async (cert: typeof old) =>
        (await callGateway('/payments/orders', { cert: cert!, token })).status;
      expect(await status(old)).toBe(200);

      const rotation = await p.rotate(oldId, next!.pem);
      await expect.poll(async () => [await status(old), await status(next)], POLL).toEqual([200, 200]);
      expect(await p.completeRotation(rotation)).toEqual([]);
      await expect.poll(async () => [await status(old), await status(next)], POLL).toEqual([403, 200]);
    });

    it("plan change: the key's quota is enforced; a larger plan admits the same token again", async () => {
      const provider = await p.provider();
      const acme = await p.organisation(`Metered Acme ${tag}`);
      const cert = await makeCertificate({ name: 'CN=metered', freshKey: true });
      await p.upload(provider, cert, acme);
      const consumer = await p.consumer(acme, 'metered dev');
      const request = await p.request(consumer, {
        product: await p.product(provider, `Metered ${tag}`, 'MANAGED', true),
        plan: await p.plan(`two an hour ${tag}`, 2),
        appName: 'metered app',
      });
      await p.approve(request);
      const token = await p.token(consumer, request);
      const call = async () => {
        const answer = await callGateway('/payments/orders', { cert, token });
        return answer.status === 200 ? 200 : [answer.status, answer.body];
      };
      const exceeded = [403, { error: 'Quota exceeded' }];
      expect([await call(), await call(), await call()]).toEqual([200, 200, exceeded]);

      await p.changePlan(request, await p.plan(`five an hour ${tag}`, 5));
      expect(await p.token(consumer, request)).toBe(token);
      const five = [];
      for (let i = 0; i < 6; i++) five.push(await call());
      expect(five).toEqual([200, 200, 200, 200, 200, exceeded]);
    });

    it('expiry impact: a certificate expiring in 5 days shows who loses access, and still passes today', async () => {
      const provider = await p.provider();
      const acme = await p.organisation(`Expiring Acme ${tag}`);
      const soon = await makeCertificate({
        name: 'CN=expiring soon',
        freshKey: true,
        notBefore: new Date(Date.now() - 86_400_000),
        notAfter: new Date(Date.now() + 5.5 * 86_400_000),
      });
      const soonId = await p.upload(provider, soon, acme);
      const consumer = await p.consumer(acme, 'expiring dev');
      const request = await p.request(consumer, {
        product: await p.product(provider, `Expiring ${tag}`, 'MANAGED', true),
        plan: await p.plan(`expiring ${tag}`),
        appName: 'expiring app',
      });
      await p.approve(request);
      const token = await p.token(consumer, request);
      const impact = (await p.expiring(7)).find((i) => i.certificate.id === soonId);
      expect(impact).toEqual({
        certificate: { id: soonId },
        daysLeft: 5,
        liveKeys: 1,
        apps: [{ name: 'expiring app' }],
        organisations: [{ id: acme }],
      });
      expect((await p.expiring(3)).some((i) => i.certificate.id === soonId)).toBe(false);
      expect((await callGateway('/payments/orders', { cert: soon, token })).status).toBe(200);

      // The expiry scan records it once and the server POSTs certificate.expiring, signed, with
      // the request that loses access; a second scan records (so sends) nothing new.
      expect((await p.expiryScan()).expiringSoon).toBeGreaterThan(0);
      const expiring = async () =>
        (await receivedWebhooks()).filter(
          (e) => e.type === 'certificate.expiring' && e.data.certificateId === portalId(soonId),
        );
      await expect.poll(async () => (await expiring()).length, POLL).toBe(1);
      expect((await expiring())[0]!.data).toMatchObject({
        notAfter: expect.any(String),
        affects: { accessRequests: [{ id: portalId(request) }], credentials: [expect.any(Object)] },
      });
      expect(await p.expiryScan()).toEqual({ ran: true, expiringSoon: 0, expired: 0 });
      expect(await expiring()).toHaveLength(1);
    });
  },
);
