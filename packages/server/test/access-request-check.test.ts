import { systemActor } from '@repo/core';
import { describeDatabases, insertTestCertificates, makeCertificate, pemBundle } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { beforeEach, expect, it } from 'vitest';
import { type AccessFixtures, accessFixtures } from './support/access.ts';
import { gid, uploaded } from './support/certificates.ts';
import {
  type Caller,
  errorCodes,
  ORG_ID,
  PAYMENTS_API_ID,
  unwrap,
  useServerHarness,
} from './support/harness.ts';

const CHECK = `query($input: AccessRequestCheckInput!) {
  accessRequestCheck(input: $input) {
    check {
      accessRequest { id } product { name } credential wouldPass
      apis {
        api { apiId name }
        report {
          wouldPass unverified
          checks { check outcome detail ifReached }
          firstFailure { check status message }
        }
      }
    }
    userErrors { code path }
  }
}`;

// A consumer diagnoses its own access request: no token pasted, no Tyk API id, every API of the
// product; never another organisation's request, never a token in the answer.
describeDatabases('accessRequestCheck', (ctx) => {
  const h = useServerHarness(ctx);
  const system = systemActor('test');
  let f: AccessFixtures;

  beforeEach(async () => {
    f = await accessFixtures(h);
  });

  /** A request of organisation A for `productId`, approved and provisioned unless told otherwise. */
  const request = async (productId: string, approve = true) => {
    const submitted = unwrap(
      await h.core.accessRequests.submit(
        { appId: f.appA.id, productId, planId: f.plan.id },
        f.actors.consumerA,
      ),
    );
    if (approve) {
      unwrap(await h.core.accessRequests.approve(submitted.id, system));
      await h.core.provisioning.runDue();
    }
    const [credential] = await h.core.accessRequests.credentials([submitted.id], f.actors.consumerA);
    return { id: gid('AccessRequest', submitted.id), token: credential?.token ?? undefined };
  };
  const check = async (caller: Caller, accessRequest: string, pem: string) => {
    const result = await h.gql(caller, CHECK, { input: { accessRequest, pem } });
    expect(result.errors).toBeUndefined();
    return { payload: result.data.accessRequestCheck, text: JSON.stringify(result) };
  };
  const allowList = (payload: {
    check: { apis: { report: { checks: { check: string; outcome: string; detail: string }[] } }[] };
  }) => payload.check.apis[0]!.report.checks.find((c) => c.check === 'ALLOW_LIST');

  it("checks every API of the product with the request's credential, which it never shows", async () => {
    const { cert } = await uploaded(h, { organisationIds: [h.orgA.id] });
    const { id, token } = await request(f.managed.id);
    expect(token).toEqual(expect.any(String));
    for (const caller of ['consumerA', 'admin'] as const) {
      const { payload, text } = await check(caller, id, cert.pem);
      expect(payload).toMatchObject({
        check: {
          accessRequest: { id },
          product: { name: 'Managed' },
          credential: 'SENT',
          wouldPass: true,
          apis: [{ api: { apiId: PAYMENTS_API_ID, name: 'Payments API' }, report: { wouldPass: true } }],
        },
        userErrors: [],
      });
      expect(text).not.toContain(token);
    }
    const stranger = await makeCertificate({ name: 'CN=stranger', freshKey: true });
    const refused = (await check('consumerA', id, stranger.pem)).payload.check;
    expect(refused).toMatchObject({
      wouldPass: false,
      apis: [{ report: { firstFailure: { check: 'ALLOW_LIST', status: 403 } } }],
    });
  });

  it('sends no token for a request without a live credential', async () => {
    const { cert } = await uploaded(h, { organisationIds: [h.orgA.id] });
    const { id } = await request(f.managed.id, false);
    const { payload } = await check('consumerA', id, cert.pem);
    // Not approved: nothing is allow-listed yet, and once it is, the missing token fails next.
    expect(payload.check).toMatchObject({
      credential: 'NONE',
      wouldPass: false,
      apis: [{ report: { firstFailure: { check: 'ALLOW_LIST' } } }],
    });
    const steps = payload.check.apis[0].report.checks;
    expect(steps.find((c: { check: string }) => c.check === 'TOKEN_PRESENT')).toMatchObject({
      outcome: 'SKIPPED',
      ifReached: 'FAIL',
    });
  });

  it("admits a leaf of a CA uploaded through the portal, from the CA's stored PEM", async () => {
    const ca = await uploaded(h, { ca: true, name: 'CN=Portal CA', organisationIds: [h.orgA.id] });
    unwrap(await h.core.certificates.setTrustedIssuer(ca.certificate.id, h.orgA.id, true, system));
    const product = unwrap(
      await h.core.products.create(
        { providerId: h.provider.id, name: 'By CA', apiIds: [PAYMENTS_API_ID], certificateMode: 'MANAGED' },
        system,
      ),
    );
    const { id } = await request(product.id);
    const leaf = await makeCertificate({ name: 'CN=leaf of the portal CA', issuer: ca.cert, eku: null });
    const { payload } = await check('consumerA', id, leaf.pem);
    expect(payload.check).toMatchObject({ wouldPass: true, apis: [{ report: { unverified: [] } }] });
    expect(allowList(payload)).toMatchObject({
      outcome: 'PASS',
      detail: expect.stringContaining(`is signed by the allow-listed CA ${ca.certificate.tykId}`),
    });
    // The chain sent along changes nothing: the CA comes from the portal either way.
    const chained = await check('consumerA', id, pemBundle(leaf, ca.cert));
    expect(chained.payload.check.wouldPass).toBe(true);
  });

  it("counts, never names, another organisation's CA on the allow list", async () => {
    await uploaded(h, { organisationIds: [h.orgA.id] }); // Managed approval needs one
    const { id } = await request(f.managed.id);
    // A CA the portal knows from a sync (no PEM), allow-listed for someone else.
    const foreign = await makeCertificate({ ca: true, name: 'CN=Org B private CA' });
    const foreignTykId = ORG_ID + sha256Hex(foreign.der);
    await insertTestCertificates(ctx.db, h.provider, [
      { sha256: sha256Hex(foreign.der), isCa: true, subjectDn: 'CN=Org B private CA', pem: null },
    ]);
    const api = await h.dashboard('GET', `/api/apis/${PAYMENTS_API_ID}`);
    api.api_definition.client_certificates.push(foreignTykId);
    await h.dashboard('PUT', `/api/apis/${PAYMENTS_API_ID}`, api);
    const stranger = await makeCertificate({ name: 'CN=stranger', freshKey: true });
    const { payload, text } = await check('consumerA', id, stranger.pem);
    expect(allowList(payload)).toMatchObject({
      outcome: 'FAIL',
      detail: expect.stringContaining(
        '1 allow-listed CA(s) whose certificate the portal lacks were not checked',
      ),
    });
    expect(text).not.toContain('Org B private CA');
    expect(text).not.toContain(foreignTykId);
    // Admins, who see every organisation, get the ids.
    const asAdmin = await check('admin', id, stranger.pem);
    expect(allowList(asAdmin.payload)?.detail).toContain(foreignTykId);
  });

  it("answers another organisation's request as an unknown one, and every failure as userErrors", async () => {
    const { cert } = await uploaded(h, { organisationIds: [h.orgA.id] });
    const { id } = await request(f.managed.id);
    const failed = (code: string, path: string[] | null) => ({ check: null, userErrors: [{ code, path }] });
    const notFound = failed('NOT_FOUND', ['input', 'accessRequest']);
    expect((await check('consumerB', id, cert.pem)).payload).toEqual(notFound);
    expect((await check('consumerA', gid('AccessRequest', 'acr_missing'), cert.pem)).payload).toEqual(
      notFound,
    );
    expect((await check('consumerA', id, 'not a pem')).payload).toEqual(
      failed('PEM_NO_CERTIFICATE', ['input', 'pem']),
    );
    const withFault = async (fault: object) => {
      await h.control('POST', '/_mock/faults', fault);
      try {
        return (await check('consumerA', id, cert.pem)).payload;
      } finally {
        await h.control('DELETE', '/_mock/faults');
      }
    };
    expect(await withFault({ path: '*', kind: 'status', status: 503 })).toEqual(
      failed('DASHBOARD_FAILED', null),
    );
    expect(await withFault({ path: '*', kind: 'malformed' })).toEqual(failed('DASHBOARD_BAD_RESPONSE', null));
    expect(
      errorCodes(await h.gql('anonymous', CHECK, { input: { accessRequest: id, pem: cert.pem } })),
    ).toEqual(['UNAUTHENTICATED']);
  });
});
