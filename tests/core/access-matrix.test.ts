import type { Product } from '@repo/core';
import { describeDatabases, makeCertificate, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_SEED,
  consumerOrganisation,
  dashboardKeyOf,
  gold,
  LEDGER_API,
  must,
  PAYMENTS_API,
} from '../support/access-fixtures.ts';
import { ADMIN, type CoreHarness, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import { callGateway } from '../support/gateway-client.ts';

const DISALLOWED = { error: 'Access to this API has been disallowed' };

describeDatabases('approval, Auth Token + mTLS, through the gateway', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });

  describe.each([
    ['MANAGED', false],
    ['MANAGED', true],
    ['SELF_SERVE', false],
    ['SELF_SERVE', true],
  ] as const)('%s, binding %s', (mode, bind) => {
    it("admits the organisation certificate with the issued token, and refuses the rest with Tyk's answers", async () => {
      const { a, b, certs, product } = await approveTwoOrganisations(h, mode, bind);
      const tokenA = await tokenOf(h, a.requestId, a.actor);

      for (const path of ['/payments/orders', '/ledger/entries']) {
        expect(await callGateway(h.mock, path, { cert: certs.a1, token: tokenA })).toMatchObject({
          status: 200,
        });
      }
      // Managed: every certificate of the organisation; Self-Serve: only the one in the request.
      const second = await callGateway(h.mock, '/payments/orders', { cert: certs.a2, token: tokenA });
      if (mode === 'MANAGED') expect(second.status).toBe(200);
      else
        expect(second).toEqual({
          status: 403,
          body: { error: `Certificate with SHA256 ${sha256Hex(certs.a2.der)} not allowed` },
        });

      // Another organisation's certificate is on the allow list too; only binding stops A's token using it.
      const crossed = await callGateway(h.mock, '/payments/orders', { cert: certs.b, token: tokenA });
      expect(crossed).toEqual(
        bind ? { status: 401, body: DISALLOWED } : expect.objectContaining({ status: 200 }),
      );

      expect(await callGateway(h.mock, '/payments/orders', { cert: certs.a1 })).toEqual({
        status: 401,
        body: { error: 'Authorization field missing' },
      });
      expect(await callGateway(h.mock, '/payments/orders', { cert: certs.stranger, token: tokenA })).toEqual({
        status: 403,
        body: { error: `Certificate with SHA256 ${sha256Hex(certs.stranger.der)} not allowed` },
      });

      // Each allow list holds each certificate once; the key carries the bindings only when asked.
      const expected = [certs.a1, ...(mode === 'MANAGED' ? [certs.a2] : []), certs.b]
        .map((c) => ORG_ID + sha256Hex(c.der))
        .sort();
      expect(await allowList(h, PAYMENTS_API)).toEqual(expected);
      expect(await allowList(h, LEDGER_API)).toEqual(expected);
      const key = await (
        await h.dashboard('GET', `/api/keys/${await dashboardKeyOf(h, a.requestId)}`)
      ).json();
      expect(key.data.mtls_static_certificate_bindings ?? []).toHaveLength(
        bind ? (mode === 'MANAGED' ? 2 : 1) : 0,
      );
      expect(product.apis.map((x) => x.apiKind).sort()).toEqual(['CLASSIC', 'OAS']);
      expect(b.requestId).not.toBe(a.requestId);
    });
  });

  it('shows the token to its organisation only', async () => {
    const { a, b } = await approveTwoOrganisations(h, 'MANAGED', true);
    const [own] = await h.core.accessRequests.credentials([a.requestId], a.actor);
    expect(own?.token).toEqual(expect.any(String));
    expect((await h.core.accessRequests.credentials([a.requestId], ADMIN))[0]?.token).toBeNull();
    expect(await h.core.accessRequests.credentials([a.requestId], b.actor)).toEqual([]);
  });
});

async function approveTwoOrganisations(h: CoreHarness, mode: 'MANAGED' | 'SELF_SERVE', bind: boolean) {
  const certs = {
    a1: await makeCertificate({ name: 'CN=acme one', freshKey: true }),
    a2: await makeCertificate({ name: 'CN=acme two', freshKey: true }),
    b: await makeCertificate({ name: 'CN=globex', freshKey: true }),
    stranger: await makeCertificate({ name: 'CN=stranger', freshKey: true }),
  };
  const acme = await consumerOrganisation(h.core, 'Acme');
  const globex = await consumerOrganisation(h.core, 'Globex');
  const product: Product = must(
    await h.core.products.create(
      {
        providerId: h.provider.id,
        name: 'Payments',
        apiIds: [PAYMENTS_API, LEDGER_API],
        certificateMode: mode,
        bindCertificateToToken: bind,
      },
      ADMIN,
    ),
  );
  const plan = await gold(h.core);
  const submit = async (who: typeof acme, cert: TestCertificate) => {
    if (mode === 'MANAGED') {
      return must(
        await h.core.accessRequests.submit(
          { appId: who.app.id, productId: product.id, planId: plan.id },
          who.actor,
        ),
      );
    }
    return must(
      await h.core.accessRequests.submit(
        { appId: who.app.id, productId: product.id, planId: plan.id, certificate: { pem: cert.pem } },
        who.actor,
      ),
    );
  };
  if (mode === 'MANAGED') {
    for (const [cert, org] of [
      [certs.a1, acme],
      [certs.a2, acme],
      [certs.b, globex],
    ] as const) {
      must(
        await h.core.certificates.upload(
          { providerId: h.provider.id, pem: cert.pem, organisationIds: [org.organisationId] },
          ADMIN,
        ),
      );
    }
  }
  const requestA = await submit(acme, certs.a1);
  const requestB = await submit(globex, certs.b);
  must(await h.core.accessRequests.approve(requestA.id, h.admin));
  must(await h.core.accessRequests.approve(requestB.id, h.admin));
  expect(await h.core.provisioning.runDue()).toBe(2);
  for (const id of [requestA.id, requestB.id]) {
    expect(await h.core.accessRequests.get(id, ADMIN)).toMatchObject({
      status: 'APPROVED',
      failedStep: null,
    });
  }
  return { certs, product, a: { ...acme, requestId: requestA.id }, b: { ...globex, requestId: requestB.id } };
}

async function tokenOf(
  h: CoreHarness,
  requestId: string,
  actor: Parameters<CoreHarness['core']['accessRequests']['credentials']>[1],
) {
  const [credential] = await h.core.accessRequests.credentials([requestId], actor);
  return credential!.token!;
}

async function allowList(h: CoreHarness, apiId: string): Promise<string[]> {
  if (apiId === LEDGER_API) {
    const doc = await (await h.dashboard('GET', `/api/apis/oas/${apiId}`)).json();
    return [...doc['x-tyk-api-gateway'].server.clientCertificates.allowlist].sort();
  }
  const wrapper = await (await h.dashboard('GET', `/api/apis/${apiId}`)).json();
  return [...wrapper.api_definition.client_certificates].sort();
}
