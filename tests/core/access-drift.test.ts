import { describeDatabases } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, it } from 'vitest';
import {
  ACCESS_SEED,
  dashboardKeyOf,
  must,
  PAYMENTS_API,
  selfServeRequest,
} from '../support/access-fixtures.ts';
import { ORG_ID, useCoreHarness } from '../support/core-harness.ts';

describeDatabases('drift between approvals and the Dashboard', (ctx) => {
  const h = useCoreHarness(ctx, { seed: ACCESS_SEED });

  it('reports allow lists and bindings changed behind the portal, and re-provisioning repairs them', async () => {
    const { request, cert } = await selfServeRequest(h, 'CN=drifting');
    must(await h.core.accessRequests.approve(request.id, h.admin));
    await h.core.provisioning.runDue();
    expect(await h.core.provisioning.drift(h.provider.id)).toEqual({ ok: true, value: [] });

    const tykId = ORG_ID + sha256Hex(cert.der);
    const wrapper = await (await h.dashboard('GET', `/api/apis/${PAYMENTS_API}`)).json();
    wrapper.api_definition.client_certificates = [];
    await h.dashboard('PUT', `/api/apis/${PAYMENTS_API}`, JSON.stringify(wrapper));
    const keyId = await dashboardKeyOf(h, request.id);
    expect(keyId).not.toContain(request.id);
    const key = await (await h.dashboard('GET', `/api/keys/${keyId}`)).json();
    await h.dashboard(
      'PUT',
      `/api/keys/${keyId}`,
      JSON.stringify({ ...key.data, mtls_static_certificate_bindings: [] }),
    );

    // Each finding names the product's API and the portal's record of each Tyk id.
    const certificates = [{ tykId, certificateId: request.certificateId }];
    expect(await h.core.provisioning.drift(h.provider.id)).toEqual({
      ok: true,
      value: [
        {
          accessRequestId: request.id,
          kind: 'MISSING_FROM_ALLOW_LIST',
          apiId: PAYMENTS_API,
          api: { apiId: PAYMENTS_API, apiKind: 'CLASSIC', apiName: expect.any(String) },
          certificateIds: [tykId],
          certificates,
        },
        {
          accessRequestId: request.id,
          kind: 'BINDING_MISSING',
          apiId: null,
          api: null,
          certificateIds: [tykId],
          certificates,
        },
      ],
    });
    must(await h.core.accessRequests.reprovision(request.id, h.admin));
    await h.core.provisioning.runDue();
    expect(await h.core.provisioning.drift(h.provider.id)).toEqual({ ok: true, value: [] });

    await h.dashboard('DELETE', `/api/keys/${keyId}`);
    expect(await h.core.provisioning.drift(h.provider.id)).toMatchObject({
      value: [{ kind: 'KEY_MISSING', accessRequestId: request.id }],
    });
  });
});
