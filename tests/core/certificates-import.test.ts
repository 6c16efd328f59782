import type { ImportProgress } from '@repo/core';
import { describeDatabases, makeCertificate, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import { consumerOrganisation, must } from '../support/access-fixtures.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';

// Bulk import (lifecycle issue, item 3): bundles and lists of files, per-item results with each
// refusal's own code, organisations and a name pattern for all, a dry run that changes nothing,
// and a thousand certificates in one call with progress.
describeDatabases('certificate import', (ctx) => {
  const h = useCoreHarness(ctx);
  const DAY = 86_400_000;
  const tykId = (cert: TestCertificate) => ORG_ID + sha256Hex(cert.der);
  const dashboardIds = async () =>
    ((await (await h.dashboard('GET', '/api/certs?p=-1')).json()) as { certs: string[] }).certs.sort();
  const state = async () => ({
    certificates: await ctx.db.query.certificates.findMany({ orderBy: { tykId: 'asc' } }),
    links: await ctx.db.query.certificateOrganisations.findMany(),
    audit: (await ctx.db.query.auditEvents.findMany()).length,
    dashboard: await dashboardIds(),
  });

  it('imports a bundle and a list of files: created, restored, already present, refused with its code', async () => {
    const acme = await consumerOrganisation(h.core, 'Acme');
    const [a, b, present, gone] = await Promise.all(
      ['CN=fleet-a', 'CN=fleet-b', 'CN=present', 'CN=gone'].map((name) =>
        makeCertificate({ name, freshKey: true }),
      ),
    );
    const expired = await makeCertificate({
      name: 'CN=expired',
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    must(
      await h.core.certificates.upload({ providerId: h.provider.id, pem: present!.pem, name: 'kept' }, ADMIN),
    );
    const goneId = must(
      await h.core.certificates.upload({ providerId: h.provider.id, pem: gone!.pem }, ADMIN),
    ).certificate.id;
    must(await h.core.certificates.delete(goneId, { force: true }, ADMIN));

    const input = {
      providerId: h.provider.id,
      files: [
        // One bundle: two leaves, a private key between them, and a certificate already present.
        {
          name: 'fleet/bundle.pem',
          text: `${a!.pem}${a!.keyPem}\n${b!.pem}subject=CN=present\n${present!.pem}`,
        },
        { name: 'fleet/gone.crt', text: gone!.pem },
        { name: 'fleet/expired.pem', text: expired.pem },
        { name: 'fleet/notes.txt', text: 'not a certificate' },
      ],
      organisationIds: [acme.organisationId],
      namePattern: '{file}-{n} {cn}',
    };
    const expected = [
      {
        index: 1,
        file: 'fleet/bundle.pem',
        block: 1,
        outcome: 'CREATED',
        tykId: tykId(a!),
        name: 'bundle-1 fleet-a',
      },
      {
        index: 2,
        file: 'fleet/bundle.pem',
        block: 2,
        outcome: 'REFUSED',
        error: { code: 'PEM_PRIVATE_KEY' },
      },
      {
        index: 3,
        file: 'fleet/bundle.pem',
        block: 3,
        outcome: 'CREATED',
        tykId: tykId(b!),
        name: 'bundle-3 fleet-b',
      },
      { index: 4, file: 'fleet/bundle.pem', block: 4, outcome: 'UPDATED', tykId: tykId(present!) },
      { index: 5, file: 'fleet/gone.crt', block: 1, outcome: 'RESTORED', certificateId: goneId },
      {
        index: 6,
        file: 'fleet/expired.pem',
        block: 1,
        outcome: 'REFUSED',
        error: { code: 'CERTIFICATE_EXPIRED' },
      },
      {
        index: 7,
        file: 'fleet/notes.txt',
        block: 1,
        outcome: 'REFUSED',
        error: { code: 'PEM_NO_CERTIFICATE' },
      },
    ];
    const counts = { CREATED: 2, RESTORED: 1, UPDATED: 1, REFUSED: 3 };

    const before = await state();
    const dry = must(await h.core.certificates.import({ ...input, dryRun: true }, ADMIN));
    expect(dry).toMatchObject({ dryRun: true, total: 7, counts, items: expected });
    expect(await state()).toEqual(before);

    const done = must(await h.core.certificates.import(input, ADMIN));
    expect(done).toMatchObject({ dryRun: false, total: 7, counts, items: expected });
    const created = done.items.filter((i) => i.outcome === 'CREATED').map((i) => i.certificateId!);
    for (const id of created)
      expect((await h.core.certificates.organisationsOf([id]))[0]).toEqual([
        { id: acme.organisationId, name: 'Acme' },
      ]);
    expect(await dashboardIds()).toEqual([tykId(a!), tykId(b!), tykId(present!), tykId(gone!)].sort());
    // Never stored: the private key's block is refused, and no row holds key material.
    const rows = await ctx.db.query.certificates.findMany();
    expect(rows.some((r) => r.pem?.includes('PRIVATE KEY'))).toBe(false);
    expect((await h.core.certificates.get(goneId))?.deletedAt).toBeNull();
  });

  it('imports 1,000 certificates in one call, with progress after each, none failing the rest', async () => {
    const certs = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => makeCertificate({ name: `CN=device-${i}` })),
    );
    const bundle = certs.map((c) => c.pem).join('');
    const files = [{ name: 'devices.pem', text: bundle }];
    // The dry run reads the store once for all 1,000, not once per item.
    const dry = await ctx.countStatements(() =>
      h.core.certificates.import({ providerId: h.provider.id, files, dryRun: true }, ADMIN),
    );
    expect(must(dry.result).counts).toEqual({ CREATED: 1_000, RESTORED: 0, UPDATED: 0, REFUSED: 0 });
    expect(dry.statements.length).toBeLessThanOrEqual(3);
    const progress: ImportProgress[] = [];
    let events = 0;
    const unsubscribe = h.core.certificates.importEvents.subscribe((event) => {
      if (event.key === 'fleet-1000') progress.push(event);
      events++;
    });
    const report = must(
      await h.core.certificates.import({ providerId: h.provider.id, files, namePattern: '{cn}' }, ADMIN, {
        progressKey: 'fleet-1000',
      }),
    );
    unsubscribe();
    expect(report.counts).toEqual({ CREATED: 1_000, RESTORED: 0, UPDATED: 0, REFUSED: 0 });
    expect(events).toBe(1_000);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ done: 1_000, total: 1_000, counts: { CREATED: 1_000 } });
    expect((await dashboardIds()).length).toBe(1_000);
    expect(report.items[999]).toMatchObject({ index: 1_000, name: 'device-999', outcome: 'CREATED' });
  });

  it('refuses consumers, unknown providers and organisations, and too many items, changing nothing', async () => {
    const acme = await consumerOrganisation(h.core, 'Acme');
    const cert = await makeCertificate({ name: 'CN=one' });
    const files = [{ name: 'one.pem', text: cert.pem }];
    const before = await state();
    const refusals = [
      [await h.core.certificates.import({ providerId: h.provider.id, files }, acme.actor), 'FORBIDDEN'],
      [await h.core.certificates.import({ providerId: 'prv_unknown', files }, ADMIN), 'NOT_FOUND'],
      [
        await h.core.certificates.import(
          { providerId: h.provider.id, files, organisationIds: ['org_unknown'] },
          ADMIN,
        ),
        'ORGANISATION_NOT_FOUND',
      ],
      [await h.core.certificates.import({ providerId: h.provider.id, files: [] }, ADMIN), 'INVALID_INPUT'],
      [
        await h.core.certificates.import(
          { providerId: h.provider.id, files: [{ name: 'many.pem', text: cert.pem.repeat(5_001) }] },
          ADMIN,
        ),
        'INVALID_INPUT',
      ],
    ] as const;
    for (const [result, code] of refusals) expect(result).toMatchObject({ ok: false, error: { code } });
    expect(await state()).toEqual(before);
  });

  it('stops trying once the Dashboard cannot be reached: the rest are refused, not each timed out', async () => {
    const down = must(
      await h.core.providers.create(
        {
          name: 'down',
          dashboardUrl: 'http://127.0.0.1:1',
          orgId: ORG_ID,
          apiKey: 'k',
          requestTimeoutMs: 2_000,
        },
        ADMIN,
      ),
    );
    const certs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => makeCertificate({ name: `CN=down-${i}` })),
    );
    const report = must(
      await h.core.certificates.import(
        { providerId: down.id, files: [{ name: 'all.pem', text: certs.map((c) => c.pem).join('') }] },
        ADMIN,
      ),
    );
    expect(report.counts.REFUSED).toBe(12);
    expect(new Set(report.items.map((i) => i.error?.code))).toEqual(new Set(['DASHBOARD_UNREACHABLE']));
    expect(
      report.items.filter((i) => i.error?.message.startsWith('Not tried')).length,
    ).toBeGreaterThanOrEqual(8);
    expect(await ctx.db.query.certificates.findMany({ where: { providerId: down.id } })).toEqual([]);
  });
});
