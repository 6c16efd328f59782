import { type Core, createCore } from '@repo/core';
import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import {
  ACCESS_SEED,
  consumerOrganisation,
  gold,
  LEDGER_API,
  must,
  PAYMENTS_API,
  selfServeRequest,
} from '../support/access-fixtures.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import { callGateway } from '../support/gateway-client.ts';

// Access converges both ways: whatever takes a grant or a certificate away takes its allow-list
// entries, bindings and key away too, and only what the portal placed.
describeDatabases('withdrawal of access', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });
  const DAY = 86_400_000;

  const allowList = async (apiId = PAYMENTS_API): Promise<string[]> =>
    (await (await h.dashboard('GET', `/api/apis/${apiId}`)).json()).api_definition.client_certificates;
  const keys = async () =>
    (
      (await h.control('GET', '/_mock/state')) as {
        keys: { session: { meta_data?: Record<string, unknown> } }[];
      }
    ).keys;
  const notAllowed = (der: Uint8Array) => ({
    status: 403,
    body: { error: `Certificate with SHA256 ${sha256Hex(der)} not allowed` },
  });
  const drain = async (core = h.core) => {
    while ((await core.provisioning.runDue()) > 0);
  };
  /** Uploads a certificate as an admin, associated with these organisations. */
  const upload = async (cert: { pem: string }, organisationIds: string[] = []) =>
    must(
      await h.core.certificates.upload({ providerId: h.provider.id, pem: cert.pem, organisationIds }, ADMIN),
    );
  /** Approves a request, runs its job, and answers the token its organisation reads. */
  const approveForToken = async (
    requestId: string,
    consumer: { actor: Parameters<Core['accessRequests']['credentials']>[1] },
  ) => {
    must(await h.core.accessRequests.approve(requestId, h.admin));
    await drain();
    const [credential] = await h.core.accessRequests.credentials([requestId], consumer.actor);
    return credential!.token!;
  };

  /** An approved Self-Serve grant (binding on) over the classic and the OAS API, and its token. */
  const approvedSelfServe = async (name = 'CN=acme self-serve') => {
    const setup = await selfServeRequest(h, name);
    must(await h.core.accessRequests.approve(setup.request.id, h.admin));
    await drain();
    const [credential] = await h.core.accessRequests.credentials([setup.request.id], setup.consumer.actor);
    expect(
      await callGateway(h.mock, '/payments/a', { cert: setup.cert, token: credential!.token! }),
    ).toMatchObject({ status: 200 });
    return { ...setup, token: credential!.token!, tykId: ORG_ID + sha256Hex(setup.cert.der) };
  };

  /** A Managed product (binding as given) over the classic API, and an organisation's request for it. */
  const managed = async (organisation: string, bind = true) => {
    const consumer = await consumerOrganisation(h.core, organisation);
    const product = must(
      await h.core.products.create(
        {
          providerId: h.provider.id,
          name: `Managed ${organisation}`,
          apiIds: [PAYMENTS_API],
          certificateMode: 'MANAGED',
          bindCertificateToToken: bind,
        },
        ADMIN,
      ),
    );
    const plan = await gold(h.core);
    const submit = async () =>
      must(
        await h.core.accessRequests.submit(
          { appId: consumer.app.id, productId: product.id, planId: plan.id },
          consumer.actor,
        ),
      );
    return { consumer, product, plan, submit };
  };

  it('refuses a Self-Serve CA, and any stored certificate the organisation does not own, saying nothing of its owner', async () => {
    const ca = await makeCertificate({ name: 'CN=unowned CA', ca: true, freshKey: true });
    await upload(ca);
    const globex = await consumerOrganisation(h.core, 'Globex');
    const theirs = await makeCertificate({ name: 'CN=globex leaf', freshKey: true });
    await upload(theirs, [globex.organisationId]);
    const unowned = await makeCertificate({ name: 'CN=unowned leaf', freshKey: true });
    await upload(unowned);
    const { consumer, product, plan } = await selfServeRequest(h);
    const ids = { appId: consumer.app.id, productId: product.id, planId: plan.id };
    const before = await ctx.db.query.certificateOrganisations.findMany();

    expect(
      await h.core.accessRequests.submit({ ...ids, certificate: { pem: ca.pem } }, consumer.actor),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_REQUEST_CERTIFICATE_IS_CA', path: ['certificate', 'pem'] },
    });
    const refusals = [];
    for (const pem of [theirs.pem, unowned.pem]) {
      const refused = await h.core.accessRequests.submit({ ...ids, certificate: { pem } }, consumer.actor);
      expect(refused).toMatchObject({ ok: false, error: { code: 'ACCESS_REQUEST_CERTIFICATE_NOT_YOURS' } });
      refusals.push(refused.ok ? '' : refused.error.message);
    }
    // One message whoever owns it: an owned and an unowned certificate cannot be told apart.
    expect(refusals[0]).toBe(refusals[1]);
    expect(refusals[0]).not.toMatch(/another organisation|Globex/i);
    expect(await ctx.db.query.certificateOrganisations.findMany()).toEqual(before);
  });

  it('links a Self-Serve certificate at approval only, and rejecting or revoking takes the link back, audited', async () => {
    const linksOf = async (certificateId: string) =>
      (await ctx.db.query.certificateOrganisations.findMany({ where: { certificateId } })).map(
        (l) => l.organisationId,
      );
    const first = await selfServeRequest(h, 'CN=rejected');
    const certificateId = first.request.certificateId!;
    expect(await linksOf(certificateId)).toEqual([]);
    must(await h.core.accessRequests.reject(first.request.id, 'no', h.admin));
    expect(await linksOf(certificateId)).toEqual([]);

    const { consumer, product, plan } = first;
    const cert = await makeCertificate({ name: 'CN=granted', freshKey: true });
    const granted = must(
      await h.core.accessRequests.submit(
        { appId: consumer.app.id, productId: product.id, planId: plan.id, certificate: { pem: cert.pem } },
        consumer.actor,
      ),
    );
    const grantedCert = granted.certificateId!;
    expect(await linksOf(grantedCert)).toEqual([]);
    must(await h.core.accessRequests.approve(granted.id, h.admin));
    expect(await linksOf(grantedCert)).toEqual([consumer.organisationId]);
    await drain();
    must(await h.core.accessRequests.revoke(granted.id, h.admin));
    await drain();
    expect(await linksOf(grantedCert)).toEqual([]);
    const audit = await ctx.db.query.auditEvents.findMany({
      where: { subjectId: grantedCert, action: 'certificate.set_organisations' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((e) => e.after)).toEqual([
      expect.objectContaining({ added: [consumer.organisationId] }),
      expect.objectContaining({ removed: [consumer.organisationId] }),
    ]);
  });

  it('Managed provisioning puts a CA on an allow list only once marked a trusted issuer, and unmarking withdraws it', async () => {
    const { consumer, submit } = await managed('Acme', false);
    const ca = await makeCertificate({ name: 'CN=org CA', ca: true, freshKey: true });
    // No EKU: the Gateway verifies against the CA as Go's Verify does with serverAuth, which a
    // clientAuth-only leaf fails (README, the X.509 engine).
    const leaf = await makeCertificate({
      name: 'CN=signed by org CA',
      issuer: ca,
      freshKey: true,
      eku: null,
    });
    const uploaded = await upload(ca, [consumer.organisationId]);
    const request = await submit();
    expect(await h.core.accessRequests.approve(request.id, h.admin)).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_REQUEST_NO_CERTIFICATES' },
    });
    expect(await allowList()).toEqual([]);
    expect(
      await h.core.certificates.setTrustedIssuer(uploaded.certificate.id, 'org_unknown', true, ADMIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_NOT_ASSOCIATED' },
    });

    must(
      await h.core.certificates.setTrustedIssuer(
        uploaded.certificate.id,
        consumer.organisationId,
        true,
        ADMIN,
      ),
    );
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await drain();
    expect(await allowList()).toEqual([ORG_ID + sha256Hex(ca.der)]);
    const [credential] = await h.core.accessRequests.credentials([request.id], consumer.actor);
    // What trusting an issuer means at the Gateway: any certificate it signed gets in with the token.
    expect(await callGateway(h.mock, '/payments/a', { cert: leaf, token: credential!.token! })).toMatchObject(
      {
        status: 200,
      },
    );

    must(
      await h.core.certificates.setTrustedIssuer(
        uploaded.certificate.id,
        consumer.organisationId,
        false,
        ADMIN,
      ),
    );
    await drain();
    expect(await allowList()).toEqual([]);
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({
      accessLostReason: 'CERTIFICATE_LEFT_ORGANISATION',
    });
    expect(await callGateway(h.mock, '/payments/a', { cert: leaf, token: credential!.token! })).toEqual(
      notAllowed(leaf.der),
    );
  });

  it('revoke takes the certificate off every allow list: refused even with another valid token', async () => {
    const granted = await approvedSelfServe();
    // A second, unbound grant of another organisation gives a token that is valid on its own.
    const other = await managed('Initech', false);
    const leaf = await makeCertificate({ name: 'CN=initech', freshKey: true });
    await upload(leaf, [other.consumer.organisationId]);
    const otherRequest = await other.submit();
    must(await h.core.accessRequests.approve(otherRequest.id, h.admin));
    await drain();
    const [otherToken] = await h.core.accessRequests.credentials([otherRequest.id], other.consumer.actor);

    must(await h.core.accessRequests.revoke(granted.request.id, h.admin));
    expect(await h.core.accessRequests.get(granted.request.id, ADMIN)).toMatchObject({
      status: 'REVOKED',
      revokedAt: expect.any(Date),
    });
    await drain();
    expect(await allowList()).toEqual([ORG_ID + sha256Hex(leaf.der)]);
    const ledger = await (await h.dashboard('GET', `/api/apis/oas/${LEDGER_API}`)).json();
    expect(ledger['x-tyk-api-gateway'].server.clientCertificates.allowlist).toEqual([]);
    expect(
      await callGateway(h.mock, '/payments/a', { cert: granted.cert, token: otherToken!.token! }),
    ).toEqual(notAllowed(granted.cert.der));
    expect(await callGateway(h.mock, '/payments/a', { cert: leaf, token: otherToken!.token! })).toMatchObject(
      {
        status: 200,
      },
    );
    expect(await h.core.provisioning.drift(h.provider.id)).toEqual({ ok: true, value: [] });
  });

  it('removes only what it placed, once no grant needs it: shared entries stay, hand-placed ones are never removed', async () => {
    const acme = await managed('Acme', false);
    const globex = await managed('Globex', false);
    const shared = await makeCertificate({ name: 'CN=shared', freshKey: true });
    const hand = await makeCertificate({ name: 'CN=hand placed', freshKey: true });
    must(
      await h.core.certificates.upload(
        {
          providerId: h.provider.id,
          pem: shared.pem,
          organisationIds: [acme.consumer.organisationId, globex.consumer.organisationId],
        },
        ADMIN,
      ),
    );
    await upload(hand, [acme.consumer.organisationId]);
    const handId = ORG_ID + sha256Hex(hand.der);
    const sharedId = ORG_ID + sha256Hex(shared.der);
    const wrapper = await (await h.dashboard('GET', `/api/apis/${PAYMENTS_API}`)).json();
    wrapper.api_definition.client_certificates = [handId];
    await h.dashboard('PUT', `/api/apis/${PAYMENTS_API}`, JSON.stringify(wrapper));

    const a = await acme.submit();
    const g = await globex.submit();
    must(await h.core.accessRequests.approve(a.id, h.admin));
    must(await h.core.accessRequests.approve(g.id, h.admin));
    await drain();
    expect([...(await allowList())].sort()).toEqual([handId, sharedId].sort());

    must(await h.core.accessRequests.revoke(a.id, h.admin));
    await drain();
    expect([...(await allowList())].sort()).toEqual([handId, sharedId].sort()); // Globex still needs it
    must(await h.core.accessRequests.revoke(g.id, h.admin));
    await drain();
    expect(await allowList()).toEqual([handId]);
  });

  it('a certificate soft-deleted by sync leaves its grants (reason shown, audited); restoring it restores access', async () => {
    const granted = await approvedSelfServe();
    expect((await h.dashboard('DELETE', `/api/certs/${granted.tykId}`)).status).toBe(200);
    must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN));
    await drain();
    expect(await h.core.accessRequests.get(granted.request.id, ADMIN)).toMatchObject({
      status: 'APPROVED',
      accessLostReason: 'CERTIFICATE_DELETED',
      accessLostAt: expect.any(Date),
    });
    expect(await allowList()).toEqual([]);
    expect(await keys()).toEqual([]);
    expect(await h.core.provisioning.drift(h.provider.id)).toEqual({ ok: true, value: [] });
    expect(
      await ctx.db.query.auditEvents.findMany({
        where: { subjectId: granted.request.id, action: 'access_request.access_lost' },
      }),
    ).toHaveLength(1);

    await h.dashboard('POST', '/api/certs', granted.cert.pem);
    must(await h.core.sync.run(h.provider.id, 'MANUAL', ADMIN));
    await drain();
    expect(await h.core.accessRequests.get(granted.request.id, ADMIN)).toMatchObject({
      status: 'APPROVED',
      accessLostReason: null,
    });
    // The same token works again: the key comes back under the id derived from the request.
    expect(
      await callGateway(h.mock, '/payments/a', { cert: granted.cert, token: granted.token }),
    ).toMatchObject({
      status: 200,
    });
  });

  it('a force-deleted certificate, or one that leaves the organisation, leaves its grants', async () => {
    const acme = await managed('Acme', true);
    const one = await makeCertificate({ name: 'CN=one', freshKey: true });
    const two = await makeCertificate({ name: 'CN=two', freshKey: true });
    const uploaded = [];
    for (const cert of [one, two]) uploaded.push(await upload(cert, [acme.consumer.organisationId]));
    const request = await acme.submit();
    const token = await approveForToken(request.id, acme.consumer);
    expect((await callGateway(h.mock, '/payments/a', { cert: two, token })).status).toBe(200);

    must(await h.core.certificates.delete(uploaded[0]!.certificate.id, { force: true }, ADMIN));
    await drain();
    expect(await allowList()).toEqual([ORG_ID + sha256Hex(two.der)]);
    const [key] = await keys();
    expect(
      (key!.session as { mtls_static_certificate_bindings?: string[] }).mtls_static_certificate_bindings,
    ).toEqual([ORG_ID + sha256Hex(two.der)]);

    must(await h.core.certificates.setOrganisations(uploaded[1]!.certificate.id, [], ADMIN));
    await drain();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({
      accessLostReason: 'CERTIFICATE_DELETED', // one deleted, one left: the reasons' order decides
    });
    expect(await allowList()).toEqual([]);
    expect(await callGateway(h.mock, '/payments/a', { cert: two, token })).toEqual(notAllowed(two.der));
  });

  it('the expiry scan withdraws an expired certificate; Managed provisioning skips expired and not-yet-valid ones', async () => {
    const acme = await managed('Acme', true);
    const soon = await makeCertificate({
      name: 'CN=soon',
      freshKey: true,
      notAfter: new Date(Date.now() + DAY),
    });
    const later = await makeCertificate({
      name: 'CN=later',
      freshKey: true,
      notBefore: new Date(Date.now() + 2 * DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    });
    const lasting = await makeCertificate({ name: 'CN=lasting', freshKey: true });
    for (const cert of [soon, later, lasting]) await upload(cert, [acme.consumer.organisationId]);
    const request = await acme.submit();
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await drain();
    expect([...(await allowList())].sort()).toEqual(
      [ORG_ID + sha256Hex(soon.der), ORG_ID + sha256Hex(lasting.der)].sort(),
    );

    // Two days on: `soon` has expired; the scan finds it and its grants converge.
    const ahead = createCore({
      db: ctx.db,
      secrets: h.secrets,
      clock: () => new Date(Date.now() + 2 * DAY + 60_000),
    });
    must(await ahead.expiry.scan());
    await drain(ahead);
    expect(await allowList()).toEqual([ORG_ID + sha256Hex(lasting.der)]);
    const [key] = await keys();
    expect(
      (key!.session as { mtls_static_certificate_bindings?: string[] }).mtls_static_certificate_bindings,
    ).toEqual([ORG_ID + sha256Hex(lasting.der)]);
  });

  it('rejecting a request that failed after its key was written leaves no key and no entry', async () => {
    const { request, cert } = await selfServeRequest(h);
    await h.control('POST', '/_mock/faults', {
      method: 'POST',
      path: '/api/keys/*',
      kind: 'drop',
      when: 'after',
    });
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await drain();
    expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({
      status: 'FAILED',
      failedStep: 'CREATE_KEY',
    });
    await h.control('DELETE', '/_mock/faults');
    expect(await keys()).toHaveLength(1); // the Dashboard wrote it; the answer was lost
    const drift = await h.core.provisioning.drift(h.provider.id);
    expect(drift.ok && drift.value.map((f) => f.kind).sort()).toEqual([
      'EXTRA_ON_ALLOW_LIST',
      'EXTRA_ON_ALLOW_LIST',
      'KEY_NOT_EXPECTED',
    ]);

    must(await h.core.accessRequests.reject(request.id, 'abandoned', h.admin));
    await drain();
    expect(await keys()).toEqual([]);
    expect(await allowList()).toEqual([]);
    expect(await callGateway(h.mock, '/payments/a', { cert })).toEqual(notAllowed(cert.der));
    expect(await h.core.provisioning.drift(h.provider.id)).toEqual({ ok: true, value: [] });
  });

  it('drift reports what should not be there, and fix removes it', async () => {
    const granted = await approvedSelfServe();
    // The Dashboard loses the revocation: faults on every key delete and API write while it runs.
    await h.control('POST', '/_mock/faults', {
      method: 'DELETE',
      path: '/api/keys/*',
      kind: 'status',
      status: 503,
    });
    await h.control('POST', '/_mock/faults', {
      method: 'PUT',
      path: '/api/apis/*',
      kind: 'status',
      status: 503,
    });
    must(await h.core.accessRequests.revoke(granted.request.id, h.admin));
    await h.core.provisioning.runDue();
    await h.control('DELETE', '/_mock/faults');
    const drift = await h.core.provisioning.drift(h.provider.id);
    expect(drift.ok && drift.value.map((f) => [f.kind, f.apiId]).sort()).toEqual(
      [
        ['EXTRA_ON_ALLOW_LIST', PAYMENTS_API],
        ['EXTRA_ON_ALLOW_LIST', LEDGER_API],
        ['KEY_NOT_EXPECTED', null],
      ].sort(),
    );
    must(await h.core.provisioning.fixDrift(h.provider.id, ADMIN));
    await drain();
    expect(await h.core.provisioning.drift(h.provider.id)).toEqual({ ok: true, value: [] });
    expect(await callGateway(h.mock, '/payments/a', { cert: granted.cert, token: granted.token })).toEqual(
      notAllowed(granted.cert.der),
    );
  });
});
