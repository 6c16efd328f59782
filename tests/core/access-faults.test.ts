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
} from '../support/access-fixtures.ts';
import { ADMIN, type CoreHarness, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import { callGateway } from '../support/gateway-client.ts';

describeDatabases('approval under Dashboard faults', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });

  it.each([
    ['RESOLVE_CERTIFICATES', { method: 'POST', path: '/api/certs', kind: 'status', status: 500 }],
    ['UPDATE_ALLOW_LISTS', { method: 'PUT', path: '/api/apis/oas/*', kind: 'status', status: 503 }],
    ['UPDATE_ALLOW_LISTS', { method: 'PUT', path: '/api/apis/*', kind: 'drop', when: 'after' }],
    ['CREATE_KEY', { method: 'POST', path: '/api/keys/*', kind: 'status', status: 500 }],
    ['CREATE_KEY', { method: 'POST', path: '/api/keys/*', kind: 'drop', when: 'after' }],
  ] as const)(
    'a fault at %s (%o) leaves a visible FAILED request; retry finishes with one key and no duplicates',
    async (step, fault) => {
      const { request, cert, consumer } = await selfServeRequest(h);
      await h.control('POST', '/_mock/faults', fault);
      must(await h.core.accessRequests.approve(request.id, h.admin));
      await h.core.provisioning.runDue();
      const failed = await h.core.accessRequests.get(request.id, ADMIN);
      expect(failed).toMatchObject({ status: 'FAILED', failedStep: step, failureReason: expect.any(String) });

      await h.control('DELETE', '/_mock/faults');
      must(await h.core.accessRequests.retry(request.id, h.admin));
      await h.core.provisioning.runDue();
      expect(await h.core.accessRequests.get(request.id, ADMIN)).toMatchObject({
        status: 'APPROVED',
        failedStep: null,
        failureReason: null,
      });

      const tykId = ORG_ID + sha256Hex(cert.der);
      const state = (await h.control('GET', '/_mock/state')) as {
        keys: { session: { meta_data?: Record<string, unknown> } }[];
      };
      expect(
        state.keys.filter((k) => k.session.meta_data?.portal_access_request === request.id),
      ).toHaveLength(1);
      const classic = await (await h.dashboard('GET', `/api/apis/${PAYMENTS_API}`)).json();
      const oas = await (await h.dashboard('GET', `/api/apis/oas/${LEDGER_API}`)).json();
      expect(classic.api_definition.client_certificates).toEqual([tykId]);
      expect(oas['x-tyk-api-gateway'].server.clientCertificates.allowlist).toEqual([tykId]);
      const credentials = await h.core.accessRequests.credentials([request.id], consumer.actor);
      expect(credentials).toHaveLength(1);
      expect(await callGateway(h.mock, '/ledger/x', { cert, token: credentials[0]!.token! })).toMatchObject({
        status: 200,
      });
    },
  );
});

async function selfServeRequest(h: CoreHarness) {
  const consumer = await consumerOrganisation(h.core, 'Acme');
  const product = must(
    await h.core.products.create(
      {
        providerId: h.provider.id,
        name: 'Payments',
        apiIds: [PAYMENTS_API, LEDGER_API],
        certificateMode: 'SELF_SERVE',
        bindCertificateToToken: true,
      },
      ADMIN,
    ),
  );
  const plan = await gold(h.core);
  const cert = await makeCertificate({ name: 'CN=acme self-serve', freshKey: true });
  const request = must(
    await h.core.accessRequests.submit(
      { appId: consumer.app.id, productId: product.id, planId: plan.id, certificate: { pem: cert.pem } },
      consumer.actor,
    ),
  );
  return { consumer, product, plan, cert, request };
}
