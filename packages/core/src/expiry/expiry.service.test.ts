import { expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { createCore } from '../core.ts';
import { openDatabase } from '../db/open-database.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { insertTestCertificates, insertTestCredential } from '../testing/certificate-fixtures.ts';
import { describeDatabases } from '../testing/describe-databases.ts';
import { insertTestAccessChain, insertTestProvider } from '../testing/fixtures.ts';
import { certificateStatus } from '../x509/status.ts';

const NOW = new Date('2026-06-01T09:00:00Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

describeDatabases('expiry scan', (ctx) => {
  const secrets = new SecretBox(SecretBox.generateKey());
  const core = (clock = NOW) => createCore({ db: ctx.db, secrets, clock: () => clock });

  /** One certificate per case, named after what the scan at NOW should record for it. */
  async function seed() {
    const provider = await insertTestProvider(ctx.db);
    const rows = await insertTestCertificates(ctx.db, provider, [
      { name: 'valid', notAfter: at(31 * DAY) },
      { name: 'EXPIRING_SOON edge', notAfter: at(30 * DAY) },
      { name: 'valid edge', notAfter: at(30 * DAY + 1) },
      { name: 'EXPIRING_SOON', notAfter: at(10 * DAY) },
      { name: 'EXPIRING_SOON now', notAfter: NOW },
      { name: 'EXPIRED', notAfter: at(-1) },
      { name: 'not yet valid', notBefore: at(DAY), notAfter: at(5 * DAY) },
      { name: 'deleted', notAfter: at(-DAY), deletedAt: at(-DAY) },
    ]);
    return Object.fromEntries(rows.map((r) => [r.name!, r]));
  }

  it('records each certificate entering EXPIRING_SOON or EXPIRED once, as x509 status says', async () => {
    const certs = await seed();
    const scan = await core().expiry.scan();
    if (!scan.ok) throw scan.error;
    expect(scan.value.ran).toBe(true);
    const recorded = Object.fromEntries(
      scan.value.transitions.map((t) => [
        certs[Object.keys(certs).find((k) => certs[k]!.id === t.certificateId)!]!.name,
        t.status,
      ]),
    );
    const expected = Object.fromEntries(
      Object.values(certs)
        .filter((c) => c.deletedAt === null)
        .map((c) => [c.name, certificateStatus(c, NOW)] as const)
        .filter(([, s]) => s === 'EXPIRING_SOON' || s === 'EXPIRED'),
    );
    expect(recorded).toEqual(expected);
    expect(Object.keys(recorded).sort()).toEqual([
      'EXPIRED',
      'EXPIRING_SOON',
      'EXPIRING_SOON edge',
      'EXPIRING_SOON now',
    ]);
    const events = await ctx.db.query.auditEvents.findMany();
    expect(events).toHaveLength(4);
    const expired = events.find((e) => e.subjectId === certs.EXPIRED!.id)!;
    expect(expired).toMatchObject({
      actor: 'system:expiry-scan',
      action: 'certificate.expired',
      subjectType: 'certificate',
      after: {
        status: 'EXPIRED',
        notAfter: at(-1).toISOString(),
        affects: { accessRequests: [], credentials: [] },
      },
    });

    // The same instant again: nothing new. Ten days on: whatever changed status since, once.
    const again = await core().expiry.scan();
    expect(again.ok && again.value.transitions).toEqual([]);
    const tenDaysOn = at(10 * DAY + 1);
    const later = await core(tenDaysOn).expiry.scan();
    if (!later.ok) throw later.error;
    const changed = Object.values(certs)
      .filter((c) => c.deletedAt === null)
      .map((c) => ({ c, before: certificateStatus(c, NOW), now: certificateStatus(c, tenDaysOn) }))
      .filter(({ before, now }) => now !== before && (now === 'EXPIRING_SOON' || now === 'EXPIRED'))
      .sort((a, b) => a.c.notAfter.getTime() - b.c.notAfter.getTime());
    expect(later.value.transitions.map((t) => [t.certificateId, t.status])).toEqual(
      changed.map(({ c, now }) => [c.id, now]),
    );
    expect(changed).toHaveLength(5);
    expect(await ctx.db.query.auditEvents.findMany()).toHaveLength(9);
  });

  it('records what a certificate affects: grants naming it and their live credentials', async () => {
    const chain = await insertTestAccessChain(ctx.db);
    const [cert] = await insertTestCertificates(ctx.db, chain.provider, [{ notAfter: at(3 * DAY) }]);
    const credential = await insertTestCredential(ctx.db, chain.accessRequest.id, cert!.id);
    const scan = await core().expiry.scan();
    if (!scan.ok) throw scan.error;
    expect(scan.value.transitions).toEqual([
      {
        certificateId: cert!.id,
        status: 'EXPIRING_SOON',
        notAfter: at(3 * DAY),
        affects: {
          accessRequests: [
            {
              id: chain.accessRequest.id,
              status: 'PENDING',
              productId: chain.product.id,
              appId: chain.app.id,
              organisationId: chain.organisation.id,
              apiIds: ['api-1'],
            },
          ],
          credentials: [{ id: credential.id, accessRequestId: chain.accessRequest.id }],
        },
      },
    ]);
    const [event] = await ctx.db.query.auditEvents.findMany();
    expect(event!.after).toMatchObject({
      affects: JSON.parse(JSON.stringify(scan.value.transitions[0]!.affects)),
    });
  });

  it('issues the same statements for 3 certificates as for 300', async () => {
    const provider = await insertTestProvider(ctx.db);
    const counted = async (n: number, clock: Date) => {
      await insertTestCertificates(
        ctx.db,
        provider,
        Array.from({ length: n }, () => ({ notAfter: at(-DAY) })),
      );
      const { result, statements } = await ctx.countStatements(() => core(clock).expiry.scan());
      expect(result.ok && result.value.transitions).toHaveLength(n);
      return statements.length;
    };
    // The second scan records only the 300 new ones: the first 3 are already recorded.
    const few = await counted(3, NOW);
    const many = await counted(300, NOW);
    expect(many).toBe(few);
  });

  it('lets one scan run at a time, across connection pools too, and refuses consumers', async () => {
    const provider = await insertTestProvider(ctx.db);
    await insertTestCertificates(
      ctx.db,
      provider,
      Array.from({ length: 20 }, () => ({ notAfter: at(DAY) })),
    );
    const other = ctx.url ? await openDatabase({ url: ctx.url, max: 2 }) : undefined;
    try {
      const cores = [core(), other ? createCore({ db: other.db, secrets, clock: () => NOW }) : core()];
      const scans = await Promise.all([...cores, ...cores].map((c) => c.expiry.scan()));
      const recorded = scans.flatMap((s) => (s.ok ? s.value.transitions : []));
      expect(recorded).toHaveLength(20);
      expect(await ctx.db.query.auditEvents.findMany()).toHaveLength(20);
    } finally {
      await other?.close();
    }
    const consumer: Actor = { kind: 'CONSUMER', userId: 'usr_x', organisationId: 'org_x' };
    expect(await core().expiry.scan(NOW, consumer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
