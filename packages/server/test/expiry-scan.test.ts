import { describeDatabases, insertTestCertificates } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { createLogger } from '../src/http/logging.ts';
import { startExpiryScan } from '../src/jobs/expiry-scan.ts';
import { errorCodes, useServerHarness } from './support/harness.ts';

const NOW = new Date('2026-06-01T09:00:00Z');
const DAY = 86_400_000;
const RUN = 'mutation { expiryScanRun { expiryScan { ran expiringSoon expired } userErrors { code } } }';
const RECORDED = `query($action: AuditAction!) {
  auditEvents(filter: { action: $action }) {
    nodes { actor { kind component user { id } } subject { ... on Certificate { name status } } after }
  }
}`;

describeDatabases('expiry scan', (ctx) => {
  const h = useServerHarness(ctx, { clock: () => NOW });

  async function seed() {
    return insertTestCertificates(ctx.db, h.provider, [
      { name: 'fine', notAfter: new Date(NOW.getTime() + 90 * DAY) },
      { name: 'soon', notAfter: new Date(NOW.getTime() + 7 * DAY) },
      { name: 'gone', notAfter: new Date(NOW.getTime() - DAY) },
    ]);
  }

  it('expiryScanRun records each transition once; auditEvents and /metrics show them', async () => {
    const [, , gone] = await seed();
    const first = await h.gql('admin', RUN);
    expect(first.data.expiryScanRun).toEqual({
      expiryScan: { ran: true, expiringSoon: 1, expired: 1 },
      userErrors: [],
    });
    const again = await h.gql('admin', RUN);
    expect(again.data.expiryScanRun.expiryScan).toEqual({ ran: true, expiringSoon: 0, expired: 0 });

    const expired = await h.gql('admin', RECORDED, { action: 'CERTIFICATE_EXPIRED' });
    expect(expired.data.auditEvents.nodes).toHaveLength(1);
    const [event] = expired.data.auditEvents.nodes;
    expect(event.subject).toEqual({ name: 'gone', status: 'EXPIRED' });
    expect(event.actor).toMatchObject({ kind: 'USER', user: { id: expect.any(String) } }); // the admin who ran it
    expect(event.after).toEqual({
      status: 'EXPIRED',
      notAfter: gone!.notAfter.toISOString(),
      affects: { accessRequests: [], credentials: [] },
    });
    const soonEvents = await h.gql('admin', RECORDED, { action: 'CERTIFICATE_EXPIRING_SOON' });
    expect(soonEvents.data.auditEvents.nodes.map((e: { subject: unknown }) => e.subject)).toEqual([
      { name: 'soon', status: 'EXPIRING_SOON' },
    ]);

    const metrics = await (await h.yoga.fetch('http://portal.test/metrics')).text();
    expect(metrics).toMatch(/portal_certificate_expiry_transitions_total\{status="EXPIRED"\} [1-9]/);
    expect(metrics).toMatch(/portal_certificates\{status="EXPIRING_SOON"\} 1/);
  });

  it('expiringCertificates lists the window, soonest first; a bad window or a consumer is refused', async () => {
    const [fine, soon] = await seed();
    const query = `query($days: Int!) {
      expiringCertificates(withinDays: $days) {
        nodes {
          certificate { name } daysLeft notAfter apiIds liveKeys
          accessRequests { id } products { name } apps { name } organisations { name }
        }
        pageInfo { hasNextPage }
      }
    }`;
    const within30 = await h.gql('admin', query, { days: 30 });
    expect(within30.data.expiringCertificates.pageInfo).toEqual({ hasNextPage: false });
    expect(within30.data.expiringCertificates.nodes).toEqual([
      {
        certificate: { name: 'soon' },
        daysLeft: 7,
        notAfter: soon!.notAfter.toISOString(),
        apiIds: [],
        liveKeys: 0,
        accessRequests: [],
        products: [],
        apps: [],
        organisations: [],
      },
    ]);
    const within100 = await h.gql('admin', query, { days: 100 });
    expect(
      within100.data.expiringCertificates.nodes.map(
        (i: { certificate: { name: string } }) => i.certificate.name,
      ),
    ).toEqual(['soon', fine!.name]);
    const refused = await h.gql('admin', query, { days: 0 });
    expect(errorCodes(refused)).toEqual(['INVALID_INPUT']);
    expect(errorCodes(await h.gql('consumerA', query, { days: 30 }))).toEqual(['FORBIDDEN']);

    // One per page, by cursor, the same two; a page size over 100 is refused as every listing's is.
    const PAGE = `query($after: String) {
      expiringCertificates(withinDays: 100, first: 1, after: $after) {
        nodes { certificate { name } } pageInfo { hasNextPage endCursor }
      }
    }`;
    const first = (await h.gql('admin', PAGE)).data.expiringCertificates;
    expect(first.nodes).toEqual([{ certificate: { name: 'soon' } }]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await h.gql('admin', PAGE, { after: first.pageInfo.endCursor })).data
      .expiringCertificates;
    expect(second).toMatchObject({
      nodes: [{ certificate: { name: fine!.name } }],
      pageInfo: { hasNextPage: false },
    });
    expect(
      errorCodes(
        await h.gql('admin', '{ expiringCertificates(withinDays: 30, first: 101) { nodes { daysLeft } } }'),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('anonymous callers and consumers cannot run it', async () => {
    await seed();
    expect(errorCodes(await h.gql('anonymous', RUN))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await h.gql('consumerA', RUN))).toEqual(['FORBIDDEN']);
    expect(await ctx.db.query.auditEvents.findMany({ where: { action: 'certificate.expired' } })).toEqual([]);
  });

  it('the job scans once at start, as system:expiry-scan, and stops cleanly', async () => {
    const [, , gone] = await seed();
    const job = startExpiryScan(h.core, { intervalMs: 0, logger: createLogger('silent') });
    await job.tick();
    await job.stop();
    const expired = await h.gql('admin', RECORDED, { action: 'CERTIFICATE_EXPIRED' });
    expect(expired.data.auditEvents.nodes).toMatchObject([
      { actor: { kind: 'SYSTEM', component: 'expiry-scan', user: null } },
    ]);
    expect(expired.data.auditEvents.nodes[0].after.notAfter).toBe(gone!.notAfter.toISOString());
  });
});
