import { readFileSync } from 'node:fs';
import { makeCertificate } from '@repo/core/testing';
import { describe, expect, it } from 'vitest';
import { callGateway, expectAllowed, expectManagedAccess, servers } from './support/portal.ts';
import { portal } from './support/stories.ts';

describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] approval stories, through the gateway',
  (database, server) => {
    const p = portal(server);
    const tag = `${database}-${Date.now().toString(36)}`;
    /** Every token the stories were issued: the last story scans the server's log for them. */
    const issued: string[] = [];

    it("Managed: both organisation certificates work with the issued token, a third organisation's does not", async () => {
      const provider = await p.provider();
      const acme = await p.organisation(`Acme ${tag}`);
      const initech = await p.organisation(`Initech ${tag}`);
      const [one, two, theirs] = await Promise.all(
        ['CN=acme one', 'CN=acme two', 'CN=initech'].map((name) => makeCertificate({ name, freshKey: true })),
      );
      await p.upload(provider, one!, acme);
      await p.upload(provider, two!, acme);
      await p.upload(provider, theirs!, initech);
      const consumer = await p.consumer(acme, 'acme dev');
      const request = await p.request(consumer, {
        product: await p.product(provider, `Managed ${tag}`, 'MANAGED', true),
        plan: await p.plan(`gold ${tag}`),
        appName: 'payments app',
      });
      await p.approve(request);
      const token = await p.token(consumer, request);
      issued.push(token);
      await expectManagedAccess(token, [one!, two!], theirs!);
    });

    it('Self-Serve with binding: the token works only with the certificate sent with the request', async () => {
      const provider = await p.provider();
      const globex = await p.organisation(`Globex ${tag}`);
      const hooli = await p.organisation(`Hooli ${tag}`);
      const product = await p.product(provider, `Self-Serve ${tag}`, 'SELF_SERVE', true);
      const plan = await p.plan(`silver ${tag}`);
      const mine = await makeCertificate({ name: 'CN=globex self-serve', freshKey: true });
      const other = await makeCertificate({ name: 'CN=hooli self-serve', freshKey: true });
      const globexDev = await p.consumer(globex, 'globex dev');
      const hooliDev = await p.consumer(hooli, 'hooli dev');
      const mineRequest = await p.request(globexDev, { product, plan, appName: 'globex app', pem: mine.pem });
      const otherRequest = await p.request(hooliDev, { product, plan, appName: 'hooli app', pem: other.pem });
      await p.approve(mineRequest);
      await p.approve(otherRequest);
      const token = await p.token(globexDev, mineRequest);
      issued.push(token);
      expectAllowed(
        await callGateway('/payments/orders', { cert: mine, token }),
        'certificate mine with the token at /payments/orders',
      );
      // Hooli's certificate is on the allow list too; only the binding refuses it with Globex's token.
      expect(
        await callGateway('/payments/orders', { cert: other, token }),
        'certificate other with the token at /payments/orders',
      ).toEqual({
        status: 401,
        body: { error: 'Access to this API has been disallowed' },
      });
      expect(
        await callGateway('/payments/orders', { cert: mine }),
        'certificate mine without a token at /payments/orders',
      ).toEqual({
        status: 401,
        body: { error: 'Authorization field missing' },
      });
    });

    it("the server's log (debug level) holds none of the issued tokens, their key ids, or their base64 forms", () => {
      expect(issued).toHaveLength(2);
      const log = readFileSync(server.logFile, 'utf8');
      expect(log).toMatch(/provisioning jobs ran/); // the approvals' work is in it
      for (const token of issued) {
        const keyId = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { id: string }).id;
        for (const form of [
          token,
          Buffer.from(token).toString('base64'),
          keyId,
          Buffer.from(keyId).toString('base64'),
        ])
          expect(log.includes(form)).toBe(false);
      }
    });
  },
);
