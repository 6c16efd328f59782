import { type Core, createCore } from '@repo/core';
import { describeDatabases, makeCertificate, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import {
  ACCESS_SEED,
  consumerOrganisation,
  gold,
  must,
  PAYMENTS_API,
  selfServeRequest,
} from '../support/access-fixtures.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import { callGateway } from '../support/gateway-client.ts';

// Guided rotation (lifecycle issue, item 1): during the overlap both certificates are admitted with
// the same token; completing leaves only the new one, cancelling only the old — real TLS each time.
describeDatabases('certificate rotation', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });

  const tykId = (cert: TestCertificate) => ORG_ID + sha256Hex(cert.der);
  const allowList = async (): Promise<string[]> =>
    (
      (await (await h.dashboard('GET', `/api/apis/${PAYMENTS_API}`)).json()).api_definition
        .client_certificates as string[]
    ).sort();
  const bindings = async () =>
    (
      (await h.control('GET', '/_mock/state')) as {
        keys: { session: { mtls_static_certificate_bindings?: string[] } }[];
      }
    ).keys.map((k) => [...(k.session.mtls_static_certificate_bindings ?? [])].sort());
  const drain = async (core: Core = h.core) => {
    while ((await core.provisioning.runDue()) > 0);
  };
  const status = async (cert: TestCertificate, token: string) =>
    (await callGateway(h.mock, '/payments/a', { cert, token })).status;

  /** Acme's Managed grant (binding on) over one certificate, and its token. */
  const managedGrant = async () => {
    const acme = await consumerOrganisation(h.core, 'Acme');
    const old = await makeCertificate({ name: 'CN=old', freshKey: true });
    const oldId = must(
      await h.core.certificates.upload(
        { providerId: h.provider.id, pem: old.pem, organisationIds: [acme.organisationId] },
        ADMIN,
      ),
    ).certificate.id;
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
    const request = must(
      await h.core.accessRequests.submit(
        { appId: acme.app.id, productId: product.id, planId: (await gold(h.core)).id },
        acme.actor,
      ),
    );
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await drain();
    const [credential] = await h.core.accessRequests.credentials([request.id], acme.actor);
    return { acme, old, oldId, request, token: credential!.token! };
  };

  it('Managed: overlap admits both with the same token; complete (after a restart) leaves only the new', async () => {
    const { acme, old, oldId, request, token } = await managedGrant();
    const next = await makeCertificate({ name: 'CN=next', freshKey: true });

    const started = must(await h.core.certificates.startRotation({ fromId: oldId, pem: next.pem }, ADMIN));
    expect(started.rotation).toMatchObject({
      fromCertificateId: oldId,
      status: 'OVERLAP',
      accessRequestIds: [request.id],
    });
    expect(started.changes).toEqual([
      {
        accessRequestId: request.id,
        apiIds: [PAYMENTS_API],
        keyBound: true,
        before: [tykId(old)],
        after: [tykId(old), tykId(next)].sort(),
      },
    ]);
    await drain();
    expect(await allowList()).toEqual([tykId(old), tykId(next)].sort());
    expect(await bindings()).toEqual([[tykId(old), tykId(next)].sort()]);
    expect([await status(old, token), await status(next, token)]).toEqual([200, 200]);

    // A re-provision during the overlap keeps both.
    must(await h.core.accessRequests.reprovision(request.id, h.admin));
    await drain();
    expect(await allowList()).toEqual([tykId(old), tykId(next)].sort());

    // Another process completes it: the rotation's state is in the database, not in memory.
    const restarted = createCore({ db: ctx.db, secrets: h.secrets, dashboard: { retries: 0, backoffMs: 1 } });
    const completed = must(await restarted.certificates.completeRotation(started.rotation.id, ADMIN));
    expect(completed.rotation.status).toBe('COMPLETED');
    expect(completed.changes).toEqual([
      expect.objectContaining({ before: [tykId(old), tykId(next)].sort(), after: [tykId(next)] }),
    ]);
    await drain(restarted);
    expect(await allowList()).toEqual([tykId(next)]);
    expect(await bindings()).toEqual([[tykId(next)]]);
    expect(await status(old, token)).toBe(403);
    expect(await status(next, token)).toBe(200);
    // Retired from the organisation: a later re-provision does not bring it back.
    expect((await restarted.certificates.organisationsOf([oldId]))[0]).toEqual([]);
    must(await restarted.accessRequests.reprovision(request.id, h.admin));
    await drain(restarted);
    expect(await allowList()).toEqual([tykId(next)]);
    expect(await restarted.accessRequests.get(request.id, ADMIN)).toMatchObject({ status: 'APPROVED' });
    expect(acme).toBeDefined();

    expect(await restarted.certificates.completeRotation(started.rotation.id, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_ROTATION_FINISHED' },
    });
    const audit = await ctx.db.query.auditEvents.findMany({
      where: {
        subjectId: oldId,
        action: { in: ['certificate.rotation_start', 'certificate.rotation_complete'] },
      },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual([
      'certificate.rotation_start',
      'certificate.rotation_complete',
    ]);
  });

  it('Self-Serve: a re-provision in the overlap keeps both; cancel leaves only the old one', async () => {
    const setup = await selfServeRequest(h, 'CN=self old');
    must(await h.core.accessRequests.approve(setup.request.id, h.admin));
    await drain();
    const [credential] = await h.core.accessRequests.credentials([setup.request.id], setup.consumer.actor);
    const token = credential!.token!;
    const next = await makeCertificate({ name: 'CN=self next', freshKey: true });
    const started = must(
      await h.core.certificates.startRotation({ fromId: setup.request.certificateId!, pem: next.pem }, ADMIN),
    );
    must(await h.core.accessRequests.reprovision(setup.request.id, h.admin));
    await drain();
    expect([await status(setup.cert, token), await status(next, token)]).toEqual([200, 200]);

    must(await h.core.certificates.cancelRotation(started.rotation.id, ADMIN));
    await drain();
    expect([await status(setup.cert, token), await status(next, token)]).toEqual([200, 403]);
    // The rotation uploaded it, so cancelling takes its organisation away too.
    const nextId = started.rotation.toCertificateId!;
    expect((await h.core.certificates.organisationsOf([nextId]))[0]).toEqual([]);
  });

  it('refuses what it cannot do, changing nothing', async () => {
    const { acme, oldId } = await managedGrant();
    const stranger = await makeCertificate({ name: 'CN=stranger', freshKey: true });
    const strangerId = must(
      await h.core.certificates.upload({ providerId: h.provider.id, pem: stranger.pem }, ADMIN),
    ).certificate.id;
    const before = {
      rotations: await ctx.db.query.certificateRotations.findMany(),
      links: await ctx.db.query.accessRequestCertificates.findMany(),
    };
    const cases = [
      // A consumer gives a PEM, never a stored certificate (and may rotate only its Self-Serve ones).
      [
        await h.core.certificates.startRotation({ fromId: oldId, toId: strangerId }, acme.actor),
        'INVALID_INPUT',
      ],
      [await h.core.certificates.startRotation({ fromId: oldId }, ADMIN), 'INVALID_INPUT'],
      [await h.core.certificates.startRotation({ fromId: oldId, toId: oldId }, ADMIN), 'INVALID_INPUT'],
      [
        await h.core.certificates.startRotation({ fromId: oldId, toId: strangerId }, ADMIN),
        'CERTIFICATE_NOT_ASSOCIATED',
      ],
      [
        await h.core.certificates.startRotation({ fromId: 'crt_unknown', toId: strangerId }, ADMIN),
        'NOT_FOUND',
      ],
      [await h.core.certificates.completeRotation('rot_unknown', ADMIN), 'NOT_FOUND'],
    ] as const;
    for (const [result, code] of cases) expect(result).toMatchObject({ ok: false, error: { code } });
    expect({
      rotations: await ctx.db.query.certificateRotations.findMany(),
      links: await ctx.db.query.accessRequestCertificates.findMany(),
    }).toEqual(before);

    must(await h.core.certificates.setOrganisations(strangerId, [acme.organisationId], ADMIN));
    must(await h.core.certificates.startRotation({ fromId: oldId, toId: strangerId }, ADMIN));
    expect(await h.core.certificates.startRotation({ fromId: oldId, toId: strangerId }, ADMIN)).toMatchObject(
      {
        ok: false,
        error: { code: 'CERTIFICATE_ROTATION_ACTIVE' },
      },
    );
  });

  it('a consumer asks to rotate its Self-Serve certificate; nothing changes until an admin approves', async () => {
    const setup = await selfServeRequest(h, 'CN=consumer old');
    must(await h.core.accessRequests.approve(setup.request.id, h.admin));
    await drain();
    const [credential] = await h.core.accessRequests.credentials([setup.request.id], setup.consumer.actor);
    const token = credential!.token!;
    const fromId = setup.request.certificateId!;
    const next = await makeCertificate({ name: 'CN=consumer new', freshKey: true });
    const dashboardCerts = async () =>
      ((await (await h.dashboard('GET', '/api/certs?p=-1')).json()) as { certs: string[] }).certs.sort();
    const before = { allowList: await allowList(), dashboard: await dashboardCerts() };

    expect(
      await h.core.certificates.startRotation({ fromId, toId: fromId }, setup.consumer.actor),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const requested = must(
      await h.core.certificates.startRotation({ fromId, pem: next.pem }, setup.consumer.actor),
    );
    expect(requested).toMatchObject({
      rotation: { status: 'REQUESTED', toCertificateId: null },
      changes: [],
    });
    await drain();
    expect({ allowList: await allowList(), dashboard: await dashboardCerts() }).toEqual(before);
    expect(await status(next, token)).toBe(403);
    expect(
      await h.core.certificates.approveRotation(requested.rotation.id, setup.consumer.actor),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const approved = must(await h.core.certificates.approveRotation(requested.rotation.id, ADMIN));
    expect(approved.rotation.status).toBe('OVERLAP');
    expect(approved.changes).toEqual([
      expect.objectContaining({
        accessRequestId: setup.request.id,
        after: [tykId(setup.cert), tykId(next)].sort(),
      }),
    ]);
    await drain();
    expect([await status(setup.cert, token), await status(next, token)]).toEqual([200, 200]);
    must(await h.core.certificates.completeRotation(requested.rotation.id, ADMIN));
    await drain();
    expect([await status(setup.cert, token), await status(next, token)]).toEqual([403, 200]);
    expect(await h.core.accessRequests.get(setup.request.id, ADMIN)).toMatchObject({
      certificateId: approved.rotation.toCertificateId,
    });
  });

  it("a consumer cannot rotate a Managed certificate or another organisation's; an admin can decline a request", async () => {
    const setup = await selfServeRequest(h, 'CN=declined old');
    const next = await makeCertificate({ name: 'CN=not yours', freshKey: true });
    // Acme's certificate associated by an admin (Managed mode): the admin's to rotate.
    const managed = await makeCertificate({ name: 'CN=managed', freshKey: true });
    const managedId = must(
      await h.core.certificates.upload(
        { providerId: h.provider.id, pem: managed.pem, organisationIds: [setup.consumer.organisationId] },
        ADMIN,
      ),
    ).certificate.id;
    expect(
      await h.core.certificates.startRotation({ fromId: managedId, pem: next.pem }, setup.consumer.actor),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const globex = await consumerOrganisation(h.core, 'Globex');
    const fromId = setup.request.certificateId!;
    expect(await h.core.certificates.startRotation({ fromId, pem: next.pem }, globex.actor)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const requested = must(
      await h.core.certificates.startRotation({ fromId, pem: next.pem }, setup.consumer.actor),
    );
    expect(
      await h.core.certificates.startRotation({ fromId, pem: next.pem }, setup.consumer.actor),
    ).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_ROTATION_ACTIVE' },
    });
    const declined = must(await h.core.certificates.cancelRotation(requested.rotation.id, ADMIN));
    expect(declined).toMatchObject({ rotation: { status: 'CANCELLED' }, changes: [] });
    expect(await h.core.certificates.approveRotation(requested.rotation.id, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_ROTATION_FINISHED' },
    });
  });

  it('lists rotations newest first by keyset, filtered by status and by either certificate', async () => {
    const acme = await consumerOrganisation(h.core, 'Acme');
    const rotations: { id: string; fromId: string; toId: string }[] = [];
    for (const n of [1, 2, 3]) {
      const old = await makeCertificate({ name: `CN=fleet-${n}`, freshKey: true });
      const fromId = must(
        await h.core.certificates.upload(
          { providerId: h.provider.id, pem: old.pem, organisationIds: [acme.organisationId] },
          ADMIN,
        ),
      ).certificate.id;
      const next = await makeCertificate({ name: `CN=fleet-${n}-next`, freshKey: true });
      const { rotation } = must(await h.core.certificates.startRotation({ fromId, pem: next.pem }, ADMIN));
      rotations.push({ id: rotation.id, fromId, toId: rotation.toCertificateId! });
    }
    must(await h.core.certificates.cancelRotation(rotations[1]!.id, ADMIN));
    const newestFirst = rotations.map((r) => r.id).reverse();

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = must(await h.core.certificates.rotations({}, { first: 1, after }, ADMIN));
      expect(page.nodes.length).toBeLessThanOrEqual(1);
      seen.push(...page.nodes.map((r) => r.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : undefined;
    } while (after);
    expect(seen).toEqual(newestFirst);

    const ids = async (filter: Parameters<Core['certificates']['rotations']>[0]) =>
      must(await h.core.certificates.rotations(filter, {}, ADMIN)).nodes.map((r) => r.id);
    expect(await ids({ status: ['OVERLAP'] })).toEqual([rotations[2]!.id, rotations[0]!.id]);
    expect(await ids({ status: ['CANCELLED'] })).toEqual([rotations[1]!.id]);
    expect(await ids({ status: [] })).toEqual([]);
    expect(await ids({ fromCertificateId: rotations[0]!.fromId })).toEqual([rotations[0]!.id]);
    expect(await ids({ toCertificateId: rotations[2]!.toId })).toEqual([rotations[2]!.id]);
    expect(await ids({ toCertificateId: rotations[2]!.fromId })).toEqual([]);

    // A consumer lists the rotations of the certificates its organisation sees: Acme's three, not
    // Globex's (none).
    const globex = await consumerOrganisation(h.core, 'Globex');
    expect(must(await h.core.certificates.rotations({}, {}, acme.actor)).nodes.map((r) => r.id)).toEqual(
      newestFirst,
    );
    expect(must(await h.core.certificates.rotations({}, {}, globex.actor)).nodes).toEqual([]);
    expect(await h.core.certificates.rotationsByIds([rotations[0]!.id], globex.actor)).toEqual([]);
    // Another listing's cursor, well formed, is refused as much as a mangled one.
    const foreign = Buffer.from(JSON.stringify(['syncRuns', '2031-01-01T00:00:00.000000Z', 'x'])).toString(
      'base64url',
    );
    for (const bad of ['not-a-cursor', foreign])
      expect(await h.core.certificates.rotations({}, { after: bad }, ADMIN)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', path: ['after'] },
      });
  });
});
