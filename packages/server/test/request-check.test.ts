import { systemActor } from '@repo/core';
import { describeDatabases, makeCertificate, pemBundle } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { accessFixtures } from './support/access.ts';
import { gid, uploaded } from './support/certificates.ts';
import { PAYMENTS_API_ID, useServerHarness } from './support/harness.ts';

const CHECK = `query($input: RequestCheckInput!) {
  requestCheck(input: $input) {
    report {
      api { apiId name auth staticMutualTls }
      certificate { sha256 chainLength }
      checks { check outcome detail status message ifReached }
      firstFailure { check status message }
      unverified
      wouldPass
      warnings { code check position message }
    }
    userErrors { code path }
  }
}`;

describeDatabases('requestCheck', (ctx) => {
  const h = useServerHarness(ctx);

  it("explains the Gateway's decision for an approved token, and without one", async () => {
    const f = await accessFixtures(h);
    const { cert } = await uploaded(h, { organisationIds: [h.orgA.id] });
    const system = systemActor('test');
    const request = await h.core.accessRequests.submit(
      { appId: f.appA.id, productId: f.managed.id, planId: f.plan.id },
      f.actors.consumerA,
    );
    if (!request.ok) throw request.error;
    await h.core.accessRequests.approve(request.value.id, system);
    await h.core.provisioning.runDue();
    const [credential] = await h.core.accessRequests.credentials([request.value.id], f.actors.consumerA);
    const input = { provider: gid('Provider', h.provider.id), apiId: PAYMENTS_API_ID, pem: cert.pem };

    const passing = await h.gql('admin', CHECK, { input: { ...input, token: credential!.token } });
    expect(passing.data.requestCheck.userErrors).toEqual([]);
    const report = passing.data.requestCheck.report;
    expect(report).toMatchObject({
      api: { apiId: PAYMENTS_API_ID, name: 'Payments API', auth: 'AUTH_TOKEN', staticMutualTls: true },
      certificate: { chainLength: 1 },
      firstFailure: null,
      unverified: [],
      wouldPass: true,
      warnings: [],
    });
    expect(report.checks.map((c: { check: string }) => c.check)).toContain('CERTIFICATE_BINDING');

    // The listed certificate sent after a leaf the client owns: the allow list admits it anyway.
    const own = await makeCertificate({ name: 'CN=own leaf', freshKey: true });
    const behind = await h.gql('admin', CHECK, {
      input: { ...input, pem: pemBundle(own, cert), token: credential!.token },
    });
    expect(behind.data.requestCheck.report.warnings).toEqual([
      {
        code: 'ADMITTED_BY_NON_LEAF_CERTIFICATE',
        check: 'ALLOW_LIST',
        position: 2,
        message: expect.stringContaining('which the client need not own'),
      },
    ]);

    const noToken = await h.gql('admin', CHECK, { input });
    expect(noToken.data.requestCheck.report).toMatchObject({
      wouldPass: false,
      firstFailure: { check: 'TOKEN_PRESENT', status: expect.any(Number), message: expect.any(String) },
    });
    const failing = noToken.data.requestCheck.report.checks.find(
      (c: { outcome: string }) => c.outcome === 'FAIL',
    );
    expect(failing).toMatchObject({ check: 'TOKEN_PRESENT', status: expect.any(Number) });
  });

  it('refuses a bad PEM, an unknown API or provider with userErrors, and consumers', async () => {
    const { cert } = await uploaded(h);
    const input = { provider: gid('Provider', h.provider.id), apiId: PAYMENTS_API_ID, pem: cert.pem };
    const errors = async (patch: Record<string, unknown>) =>
      (await h.gql('admin', CHECK, { input: { ...input, ...patch } })).data.requestCheck;
    expect(await errors({ apiId: 'nope' })).toEqual({
      report: null,
      userErrors: [{ code: 'NOT_FOUND', path: ['input', 'apiId'] }],
    });
    expect((await errors({ provider: gid('Provider', 'prv_x') })).userErrors).toEqual([
      { code: 'NOT_FOUND', path: ['input', 'provider'] },
    ]);
    const pem = await errors({ pem: 'not a pem' });
    expect(pem.userErrors).toHaveLength(1);
    expect(pem.userErrors[0].path).toEqual(['input', 'pem']);
    const consumer = await h.gql('consumerA', CHECK, { input });
    expect(consumer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
