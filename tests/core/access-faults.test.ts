import { describeDatabases } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import { ACCESS_SEED, LEDGER_API, must, PAYMENTS_API, selfServeRequest } from '../support/access-fixtures.ts';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
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
