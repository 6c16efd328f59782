import { type Core, createCore } from '@repo/core';
import { describeDatabases, makeCertificate, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import { ACCESS_SEED, consumerOrganisation, gold, must, PAYMENTS_API } from '../support/access-fixtures.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import { callGateway } from '../support/gateway-client.ts';

// Suspension (lifecycle issue, item 2): one admin action takes a certificate off every allow list
// and binding the portal placed it on, nothing puts it back meanwhile, and resuming restores exactly
// what was there — checked with real TLS requests at the mock Gateway.
describeDatabases('certificate suspension', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });

  const tykId = (cert: TestCertificate) => ORG_ID + sha256Hex(cert.der);
  const allowList = async (): Promise<string[]> =>
    (await (await h.dashboard('GET', `/api/apis/${PAYMENTS_API}`)).json()).api_definition.client_certificates;
  const keys = async () =>
    (
      (await h.control('GET', '/_mock/state')) as {
        keys: { session: { mtls_static_certificate_bindings?: string[] } }[];
      }
    ).keys;
  const drain = async (core: Core = h.core) => {
    while ((await core.provisioning.runDue()) > 0);
  };
  const notAllowed = (cert: TestCertificate) => ({
    status: 403,
    body: { error: `Certificate with SHA256 ${sha256Hex(cert.der)} not allowed` },
  });

  /** Acme's Managed grant (binding on) over two certificates, with its token. */
  const grantWithTwoCertificates = async () => {
    const consumer = await consumerOrganisation(h.core, 'Acme');
    const [one, two] = [
      await makeCertificate({ name: 'CN=one', freshKey: true }),
      await makeCertificate({ name: 'CN=two', freshKey: true }),
    ];
    const ids: string[] = [];
    for (const cert of [one!, two!]) {
      const uploaded = must(
        await h.core.certificates.upload(
          { providerId: h.provider.id, pem: cert.pem, organisationIds: [consumer.organisationId] },
          ADMIN,
        ),
      );
      ids.push(uploaded.certificate.id);
    }
    const product = must(
      await h.core.products.create(
        {
          providerId: h.provider.id,
          name: 'Payments',
          apiIds: [PAYMENTS_API],
          certificateMode: 'MANAGED',
          bindCertificateToToken: true,
        },
        ADMIN,
      ),
    );
    const plan = await gold(h.core);
    const request = must(
      await h.core.accessRequests.submit(
        { appId: consumer.app.id, productId: product.id, planId: plan.id },
        consumer.actor,
      ),
    );
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await drain();
    const [credential] = await h.core.accessRequests.credentials([request.id], consumer.actor);
    const token = credential!.token!;
    for (const cert of [one!, two!])
      expect(await callGateway(h.mock, '/payments/a', { cert, token })).toMatchObject({ status: 200 });
    return { consumer, request, token, one: one!, two: two!, oneId: ids[0]!, twoId: ids[1]! };
  };

  it('leaves every allow list and binding, survives re-provisioning, and resume restores exactly what was there', async () => {
    const { request, token, one, two, oneId, twoId } = await grantWithTwoCertificates();
    const before = { allowList: await allowList(), bindings: (await keys())[0]!.session };

    const suspended = must(
      await h.core.certificates.suspend(oneId, 'Key found in a public repository', ADMIN),
    );
    expect(suspended).toMatchObject({
      certificate: {
        id: oneId,
        suspendedAt: expect.any(Date),
        suspendReason: 'Key found in a public repository',
      },
      accessRequestIds: [request.id],
    });
    await drain();
    // The other certificate keeps the grant alive: the key stays, bound to it alone.
    expect(await allowList()).toEqual([tykId(two)]);
    expect((await keys())[0]!.session.mtls_static_certificate_bindings).toEqual([tykId(two)]);
    expect(await callGateway(h.mock, '/payments/a', { cert: one, token })).toEqual(notAllowed(one));
    expect(await callGateway(h.mock, '/payments/a', { cert: two, token })).toMatchObject({ status: 200 });
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ accessLostReason: null });

    must(await h.core.certificates.suspend(twoId, 'Rotating the fleet', ADMIN));
    await drain();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({
      status: 'APPROVED',
      accessLostReason: 'CERTIFICATE_SUSPENDED',
    });
    expect(await allowList()).toEqual([]);
    expect(await keys()).toEqual([]);
    expect(await callGateway(h.mock, '/payments/a', { cert: two, token })).toEqual(notAllowed(two));

    // Nothing re-provisions a suspended certificate: not a re-provision, not a drift check.
    must(await h.core.accessRequests.reprovision(request.id, h.admin));
    await drain();
    expect(await allowList()).toEqual([]);
    expect(await keys()).toEqual([]);
    expect(await h.core.provisioning.drift(h.provider.id)).toEqual({ ok: true, value: [] });

    // Approved without access, not FAILED: a suspension is temporary, so resuming must restore it.
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({
      status: 'APPROVED',
      accessLostReason: 'CERTIFICATE_SUSPENDED',
    });
    for (const id of [oneId, twoId]) must(await h.core.certificates.resume(id, ADMIN));
    await drain();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({ accessLostReason: null });
    expect((await allowList()).sort()).toEqual([...before.allowList].sort());
    const [key] = await keys();
    expect([...key!.session.mtls_static_certificate_bindings!].sort()).toEqual(
      [...before.bindings.mtls_static_certificate_bindings!].sort(),
    );
    // The same token, with either certificate: the key came back under its request-derived id.
    for (const cert of [one, two])
      expect(await callGateway(h.mock, '/payments/a', { cert, token })).toMatchObject({ status: 200 });

    const events = await ctx.db.query.auditEvents.findMany({
      where: { subjectId: oneId, action: { in: ['certificate.suspend', 'certificate.resume'] } },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => [e.action, e.after])).toEqual([
      [
        'certificate.suspend',
        {
          suspendedAt: expect.any(String),
          suspendReason: 'Key found in a public repository',
          accessRequestIds: [request.id],
        },
      ],
      ['certificate.resume', { suspendedAt: null, suspendReason: null, accessRequestIds: [request.id] }],
    ]);
    const lost = await ctx.db.query.auditEvents.findMany({
      where: { subjectId: request.id, action: 'access_request.access_lost' },
    });
    expect(lost.map((e) => e.after)).toEqual([{ accessLostReason: 'CERTIFICATE_SUSPENDED' }]);
  });

  it('refuses consumers, blank or control-character reasons, twice, resuming what is not suspended, unknown ids — and changes nothing', async () => {
    const { consumer, oneId } = await grantWithTwoCertificates();
    const snapshot = async () => ({
      row: await ctx.db.query.certificates.findFirst({ where: { id: oneId } }),
      audit: await ctx.db.query.auditEvents.findMany({ where: { subjectId: oneId } }),
      jobs: await ctx.db.query.jobs.findMany(),
    });
    const before = await snapshot();
    const refusals = [
      [await h.core.certificates.suspend(oneId, 'compromised', consumer.actor), 'FORBIDDEN'],
      [await h.core.certificates.resume(oneId, consumer.actor), 'FORBIDDEN'],
      [await h.core.certificates.suspend(oneId, '   ', ADMIN), 'INVALID_INPUT'],
      [await h.core.certificates.suspend(oneId, 'bad\u0015reason', ADMIN), 'INVALID_INPUT'],
      [await h.core.certificates.resume(oneId, ADMIN), 'CERTIFICATE_NOT_SUSPENDED'],
      [await h.core.certificates.suspend('crt_unknown', 'compromised', ADMIN), 'NOT_FOUND'],
      [await h.core.certificates.resume('crt_unknown', ADMIN), 'NOT_FOUND'],
    ] as const;
    for (const [result, code] of refusals) expect(result).toMatchObject({ ok: false, error: { code } });
    expect(await snapshot()).toEqual(before);

    must(await h.core.certificates.suspend(oneId, 'compromised', ADMIN));
    const suspended = await snapshot();
    expect(await h.core.certificates.suspend(oneId, 'again', ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_SUSPENDED' },
    });
    expect(await snapshot()).toEqual(suspended);
  });

  it('a suspension outlives a restart: a new core converges to it, and a sync restore does not lift it', async () => {
    const { request, token, two, oneId, twoId } = await grantWithTwoCertificates();
    for (const id of [oneId, twoId]) must(await h.core.certificates.suspend(id, 'incident 42', ADMIN));
    // The jobs were queued in the suspension's transaction: another process runs them.
    const restarted = createCore({ db: ctx.db, secrets: h.secrets, dashboard: { retries: 0, backoffMs: 1 } });
    await drain(restarted);
    expect(await keys()).toEqual([]);

    // Gone from the Dashboard and back (a sync soft-deletes, then restores): still suspended.
    expect((await h.dashboard('DELETE', `/api/certs/${tykId(two)}`)).status).toBe(200);
    must(await restarted.sync.run(h.provider.id, 'MANUAL', ADMIN));
    await h.dashboard('POST', '/api/certs', two.pem);
    must(await restarted.sync.run(h.provider.id, 'MANUAL', ADMIN));
    await drain(restarted);
    expect(await restarted.certificates.get(twoId)).toMatchObject({
      deletedAt: null,
      suspendReason: 'incident 42',
    });
    expect(await allowList()).toEqual([]);
    expect(await callGateway(h.mock, '/payments/a', { cert: two, token })).toEqual(notAllowed(two));

    must(await restarted.certificates.resume(twoId, ADMIN));
    await drain(restarted);
    expect(await allowList()).toEqual([tykId(two)]);
    expect(await callGateway(h.mock, '/payments/a', { cert: two, token })).toMatchObject({ status: 200 });
    expect(await restarted.accessRequests.get(request.id, ADMIN)).toMatchObject({ accessLostReason: null });
  });
});
