import { randomBytes } from 'node:crypto';
import type { RequestCheckReport } from '@repo/core';
import { describeDatabases, insertTestCertificates, pemBundle } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { beforeAll, expect, it } from 'vitest';
import { ADMIN, ORG_ID, useCoreHarness } from '../support/core-harness.ts';
import {
  API_ID,
  type CheckCertificates,
  classicApi,
  expectAgreement,
  explainAndSend,
  idOf,
  keySeed,
  makeCheckCertificates,
  presenting,
  seed,
} from '../support/request-check-fixtures.ts';

// How allow-list rows are resolved: CA certificates from the chain or the portal's stored PEM,
// rows the store no longer has, OAS definitions, and what the explainer refuses to guess.
describeDatabases('request check: allow-list resolution', (ctx) => {
  const h = useCoreHarness(ctx);
  let c: CheckCertificates;

  beforeAll(async () => {
    c = await makeCheckCertificates();
  });

  const storeCa = (pem: string | null) =>
    insertTestCertificates(ctx.db, h.provider, [
      {
        sha256: sha256Hex(c.ca.der),
        isCa: true,
        subjectDn: c.ca.cert.subject,
        subjectCn: 'Request Check CA',
        pem,
      },
    ]);
  const allowListOf = (report: RequestCheckReport) => report.checks.find((s) => s.check === 'ALLOW_LIST')!;

  const seedCaApi = () =>
    seed(h, {
      certificates: [{ orgId: ORG_ID, pem: c.ca.pem }],
      apis: [classicApi([idOf(c.ca)])],
      keys: [keySeed('key-good')],
    });

  it("honours a CA row through the portal's stored PEM when the client sends the leaf alone", async () => {
    await seedCaApi();
    await storeCa(c.ca.pem);
    const { report, answer } = await explainAndSend(h, presenting(c.caLeaf), 'key-good');
    expect(answer).toMatchObject({ status: 200, body: { match: 'CA_SIGNED' } });
    expectAgreement(report, answer);
  });

  it('honours a CA row through the PEM kept when the CA was uploaded through the portal', async () => {
    // Nothing inserted by hand: the portal's own upload is what must leave the CA's PEM behind.
    await seed(h, { apis: [classicApi([idOf(c.ca)])], keys: [keySeed('key-good')] });
    const upload = await h.core.certificates.upload({ providerId: h.provider.id, pem: c.ca.pem }, ADMIN);
    if (!upload.ok) throw upload.error;
    const { report, answer } = await explainAndSend(h, presenting(c.caLeaf), 'key-good');
    expect(answer).toMatchObject({ status: 200, body: { match: 'CA_SIGNED' } });
    expectAgreement(report, answer);
    expect(allowListOf(report)).toMatchObject({ outcome: 'PASS' });
    expect(allowListOf(report).detail).toContain(`is signed by the allow-listed CA ${idOf(c.ca)}`);
  });

  it('does not guess a CA row whose certificate the portal lacks: undecided, not a failure', async () => {
    await seedCaApi();
    await storeCa(null);
    const { report, answer } = await explainAndSend(h, presenting(c.caLeaf), 'key-good');
    expect(answer.status).toBe(200); // the gateway has the CA's DER in its store
    expect(report).toMatchObject({ wouldPass: false, firstFailure: null, unverified: ['ALLOW_LIST'] });
    expect(allowListOf(report)).toMatchObject({ outcome: 'SKIPPED' });
    expect(allowListOf(report).detail).toContain(idOf(c.ca));
  });

  it('reports, without guessing, CA rows it could not check when the leaf is refused', async () => {
    await seed(h, {
      certificates: [{ orgId: ORG_ID, pem: c.ca.pem }],
      apis: [classicApi([idOf(c.ca)])],
      keys: [keySeed('key-good')],
    });
    await storeCa(null);
    const { report, answer } = await explainAndSend(h, presenting(c.stranger), 'key-good');
    expectAgreement(report, answer);
    expect(allowListOf(report).detail).toContain(`whose certificate the portal lacks, not checked`);
    expect(allowListOf(report).detail).not.toContain("not in the portal's records");
  });

  it("skips a listed id the Dashboard's store no longer has, as the gateway does", async () => {
    // The row names the presented certificate, but the certificate was never (or no longer) stored.
    await seed(h, { apis: [classicApi([idOf(c.good)])], keys: [keySeed('key-good')] });
    const { report, answer } = await explainAndSend(h, presenting(c.good), 'key-good');
    expect(answer.status).toBe(403);
    expectAgreement(report, answer);
    expect(allowListOf(report).detail).toContain("is not in the Dashboard's certificate store");
    expect(allowListOf(report).detail).toContain("1 row(s) are not in the portal's records");
  });

  it('reads the allow list of an OAS API from its OAS document', async () => {
    await seed(h, {
      certificates: [{ orgId: ORG_ID, pem: c.good.pem }],
      apis: [oasApi([idOf(c.good)])],
      keys: [keySeed('key-good')],
    });
    const { report, answer } = await explainAndSend(h, presenting(c.good), 'key-good');
    expect(answer.status).toBe(200);
    expectAgreement(report, answer);
    expect(report.api).toMatchObject({ definition: 'OAS', auth: 'AUTH_TOKEN', allowListEntries: 1 });
    const refused = await explainAndSend(h, presenting(c.stranger), 'key-good');
    expectAgreement(refused.report, refused.answer);
  });

  it('decides a 10,000-row allow list with one certificates statement', async () => {
    const rows = Array.from({ length: 9_999 }, () => ORG_ID + randomBytes(32).toString('hex'));
    rows.splice(5_000, 0, idOf(c.good));
    await seed(h, {
      certificates: [{ orgId: ORG_ID, pem: c.good.pem }],
      apis: [classicApi(rows)],
      keys: [keySeed('key-good')],
    });
    const { result, statements } = await ctx.countStatements(() =>
      h.core.requestCheck.explain(
        { providerId: h.provider.id, apiId: API_ID, pem: c.good.pem, token: 'key-good' },
        ADMIN,
      ),
    );
    expect(result).toMatchObject({ ok: true, value: { wouldPass: true, api: { allowListEntries: 10_000 } } });
    expect(statements.filter((s) => /from "certificates"/i.test(s))).toHaveLength(1);
  });

  it('expires a row uploaded as a chain by its first block, as the gateway does', async () => {
    // Stored [expired leaf, valid certificate]: the id hashes the first block, the stored
    // fingerprint the last, and the Gateway expires the row by the first block's NotAfter.
    await seed(h, {
      certificates: [{ orgId: ORG_ID, pem: pemBundle(c.expired, c.good) }],
      apis: [classicApi([idOf(c.expired)])],
      keys: [keySeed('key-good')],
    });
    const { report, answer } = await explainAndSend(h, presenting(c.expired, c.good), 'key-good');
    expect(answer).toMatchObject({ status: 403, body: { error: 'Certificate has expired' } });
    expectAgreement(report, answer);
  });
});

function oasApi(allowList: string[]) {
  return {
    oas: {
      openapi: '3.0.3',
      info: { title: 'Checked OAS API', version: '1.0.0' },
      paths: {},
      components: { securitySchemes: { authToken: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
      security: [{ authToken: [] }],
      'x-tyk-api-gateway': {
        info: { id: API_ID, orgId: ORG_ID, name: 'Checked OAS API', state: { active: true } },
        upstream: { url: 'http://checked.internal' },
        server: {
          listenPath: { value: '/checked/', strip: true },
          authentication: { enabled: true, securitySchemes: { authToken: { enabled: true } } },
          clientCertificates: { enabled: true, allowlist: allowList },
        },
      },
    },
  };
}
