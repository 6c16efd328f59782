import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { ACCESS_SEED, consumerOrganisation, gold, must, PAYMENTS_API } from '../support/access-fixtures.ts';
import { ADMIN, useCoreHarness } from '../support/core-harness.ts';

// Expiry impact as data (lifecycle issue, item 5): which live certificates expire within a window,
// and the requests, products, APIs, apps, organisations and keys that lose access with them.
describeDatabases('expiry impact', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });
  const DAY = 86_400_000;
  const expiringIn = (days: number, name: string) =>
    makeCertificate({
      name,
      freshKey: true,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + days * DAY),
    });

  it('lists what expires within the window, soonest first, with who loses access', async () => {
    const acme = await consumerOrganisation(h.core, 'Acme');
    const soon = await expiringIn(10.5, 'CN=soon');
    const later = await expiringIn(60.5, 'CN=later');
    const unused = await expiringIn(20.5, 'CN=unused');
    const ids: Record<string, string> = {};
    for (const [name, cert, orgs] of [
      ['soon', soon, [acme.organisationId]],
      ['later', later, [acme.organisationId]],
      ['unused', unused, []],
    ] as const) {
      ids[name] = must(
        await h.core.certificates.upload(
          { providerId: h.provider.id, pem: cert.pem, organisationIds: [...orgs] },
          ADMIN,
        ),
      ).certificate.id;
    }
    const product = must(
      await h.core.products.create(
        { providerId: h.provider.id, name: 'Payments', apiIds: [PAYMENTS_API], certificateMode: 'MANAGED' },
        ADMIN,
      ),
    );
    const request = must(
      await h.core.accessRequests.submit(
        { appId: acme.app.id, productId: product.id, planId: (await gold(h.core)).id },
        acme.actor,
      ),
    );
    must(await h.core.accessRequests.approve(request.id, h.admin));
    while ((await h.core.provisioning.runDue()) > 0);

    const within30 = must(await h.core.expiry.expiring(30, {}, ADMIN));
    expect(within30.nodes).toEqual([
      {
        certificateId: ids.soon,
        notAfter: expect.any(Date),
        daysLeft: 10,
        accessRequestIds: [request.id],
        productIds: [product.id],
        apiIds: [PAYMENTS_API],
        appIds: [acme.app.id],
        organisationIds: [acme.organisationId],
        liveKeys: 1,
      },
      {
        certificateId: ids.unused,
        notAfter: expect.any(Date),
        daysLeft: 20,
        accessRequestIds: [],
        productIds: [],
        apiIds: [],
        appIds: [],
        organisationIds: [],
        liveKeys: 0,
      },
    ]);
    const listed = async (withinDays: number) =>
      must(await h.core.expiry.expiring(withinDays, {}, ADMIN)).nodes.map((i) => i.certificateId);
    expect(await listed(90)).toEqual([ids.soon, ids.unused, ids.later]);
    // A soft-deleted certificate loses nobody anything more: it is not listed.
    must(await h.core.certificates.delete(ids.unused!, { force: true }, ADMIN));
    expect(await listed(30)).toEqual([ids.soon]);

    expect(await h.core.expiry.expiring(30, {}, acme.actor)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const withinDays of [0, -1, 1.5, 4_000])
      expect(await h.core.expiry.expiring(withinDays, {}, ADMIN)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', path: ['withinDays'] },
      });
  });

  it('pages by keyset: certificates expiring at the same instant are each listed once', async () => {
    const notAfter = new Date(Math.floor((Date.now() + 5 * DAY) / 1000) * 1000);
    const twins = await Promise.all(
      ['a', 'b', 'c'].map((n) =>
        makeCertificate({
          name: `CN=twin-${n}`,
          freshKey: true,
          notBefore: new Date(Date.now() - DAY),
          notAfter,
        }),
      ),
    );
    const later = await expiringIn(6.5, 'CN=after-twins');
    for (const cert of [...twins, later])
      must(await h.core.certificates.upload({ providerId: h.provider.id, pem: cert.pem }, ADMIN));

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = must(await h.core.expiry.expiring(10, { first: 1, after }, ADMIN));
      seen.push(...page.nodes.map((i) => i.certificateId));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    const all = must(await h.core.expiry.expiring(10, {}, ADMIN)).nodes.map((i) => i.certificateId);
    expect(all).toHaveLength(4);
    expect(seen).toEqual(all);
    expect(pages).toBe(4);
    // Twins sort by id after notAfter; the later one comes last.
    expect([...all.slice(0, 3)].sort()).toEqual(all.slice(0, 3));

    for (const bad of [
      'not-a-cursor',
      Buffer.from(JSON.stringify(['rotations', 'x', 'y'])).toString('base64url'),
    ])
      expect(await h.core.expiry.expiring(10, { after: bad }, ADMIN)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', path: ['after'] },
      });
    expect(await h.core.expiry.expiring(10, { first: 101 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
