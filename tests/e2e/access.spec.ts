import { makeCertificate, type TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { describe, expect, it } from 'vitest';
import { LEDGER_API, PAYMENTS_API } from '../support/access-fixtures.ts';
import type { E2eServer } from './setup/global-setup.ts';
import { callGateway, graphql, servers } from './support/portal.ts';

type Id = { id: string };

/** The steps of a story, as an admin and a consumer do them over GraphQL. */
function portal(server: E2eServer) {
  const admin = <T>(query: string, variables?: Record<string, unknown>) =>
    graphql<T>(server, query, variables);
  return {
    provider: async () =>
      (
        await admin<{ providers: { nodes: Id[] } }>(
          `query Providers { providers(first: 1) { nodes { id } } }`,
        )
      ).providers.nodes[0]!.id,
    organisation: async (name: string) =>
      (
        await admin<{ organisationCreate: { organisation: Id } }>(
          `mutation Org($name: String!) { organisationCreate(input: { name: $name }) { organisation { id } userErrors { code message } } }`,
          { name },
        )
      ).organisationCreate.organisation.id,
    consumer: async (organisation: string, name: string) => {
      const { userCreate } = await admin<{ userCreate: { token: string; user: Id } }>(
        `mutation Consumer($org: ID!, $name: String!) { userCreate(input: { role: CONSUMER, name: $name, organisation: $org }) { token user { id } userErrors { code message } } }`,
        { org: organisation, name },
      );
      return userCreate.token;
    },
    upload: (provider: string, cert: TestCertificate, organisation: string) =>
      admin(
        `mutation Upload($input: CertificateUploadInput!) { certificateUpload(input: $input) { certificate { id } userErrors { code message } } }`,
        {
          input: { provider, pem: cert.pem, organisations: [organisation] },
        },
      ),
    product: async (provider: string, name: string, mode: 'MANAGED' | 'SELF_SERVE', bind: boolean) =>
      (
        await admin<{ productCreate: { product: Id } }>(
          `mutation Product($input: ProductCreateInput!) { productCreate(input: $input) { product { id } userErrors { code message } } }`,
          {
            input: {
              provider,
              name,
              apiIds: [PAYMENTS_API, LEDGER_API],
              certificateMode: mode,
              bindCertificateToToken: bind,
            },
          },
        )
      ).productCreate.product.id,
    plan: async (name: string) =>
      (
        await admin<{ planCreate: { plan: Id } }>(
          `mutation Plan($name: String!) { planCreate(input: { name: $name, rate: 100, per: 60 }) { plan { id } userErrors { code message } } }`,
          { name },
        )
      ).planCreate.plan.id,
    request: async (
      token: string,
      input: { product: string; plan: string; appName: string; pem?: string },
    ) => {
      const { appCreate } = await graphql<{ appCreate: { app: Id } }>(
        server,
        `mutation App($name: String!) { appCreate(input: { name: $name }) { app { id } userErrors { code message } } }`,
        { name: input.appName },
        token,
      );
      const certificate = input.pem ? { pem: input.pem, name: 'my client' } : undefined;
      const { accessRequestSubmit } = await graphql<{ accessRequestSubmit: { accessRequest: Id } }>(
        server,
        `mutation Submit($input: AccessRequestSubmitInput!) { accessRequestSubmit(input: $input) { accessRequest { id } userErrors { code message } } }`,
        { input: { app: appCreate.app.id, product: input.product, plan: input.plan, certificate } },
        token,
      );
      return accessRequestSubmit.accessRequest.id;
    },
    approve: async (request: string) => {
      await admin(
        `mutation Approve($id: ID!) { accessRequestApprove(input: { accessRequest: $id }) { accessRequest { id } userErrors { code message } } }`,
        { id: request },
      );
      for (let i = 0; i < 150; i++) {
        const { node } = await admin<{ node: { status: string; failureReason: string | null } }>(
          `query State($id: ID!) { node(id: $id) { ... on AccessRequest { status failureReason } } }`,
          { id: request },
        );
        if (node.status === 'APPROVED') return;
        if (node.status === 'FAILED') throw new Error(`approval failed: ${node.failureReason}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('approval did not finish');
    },
    token: async (consumerToken: string, request: string) => {
      const { node } = await graphql<{ node: { credentials: { token: string }[] } }>(
        server,
        `query Token($id: ID!) { node(id: $id) { ... on AccessRequest { credentials { token } } } }`,
        { id: request },
        consumerToken,
      );
      return node.credentials[0]!.token;
    },
  };
}

describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] approval stories, through the gateway',
  (database, server) => {
    const p = portal(server);
    const tag = `${database}-${Date.now().toString(36)}`;

    it("Managed: both organisation certificates work with the issued token, a third organisation's does not", async () => {
      const provider = await p.provider();
      const acme = await p.organisation(`Acme ${tag}`);
      const initech = await p.organisation(`Initech ${tag}`);
      const [one, two, theirs] = await Promise.all(
        ['CN=acme one', 'CN=acme two', 'CN=initech'].map((name) => makeCertificate({ name, freshKey: true })),
      );
      await p.upload(provider, one!, acme);
      await p.upload(provider, two!, acme);
      await p.upload(provider, theirs!, initech);
      const consumer = await p.consumer(acme, 'acme dev');
      const request = await p.request(consumer, {
        product: await p.product(provider, `Managed ${tag}`, 'MANAGED', true),
        plan: await p.plan(`gold ${tag}`),
        appName: 'payments app',
      });
      await p.approve(request);
      const token = await p.token(consumer, request);
      expect(await callGateway('/payments/orders', { cert: one, token })).toMatchObject({ status: 200 });
      expect(await callGateway('/ledger/entries', { cert: two, token })).toMatchObject({ status: 200 });
      expect(await callGateway('/payments/orders', { cert: theirs, token })).toEqual({
        status: 403,
        body: { error: `Certificate with SHA256 ${sha256Hex(theirs!.der)} not allowed` },
      });
    });

    it('Self-Serve with binding: the token works only with the certificate sent with the request', async () => {
      const provider = await p.provider();
      const globex = await p.organisation(`Globex ${tag}`);
      const hooli = await p.organisation(`Hooli ${tag}`);
      const product = await p.product(provider, `Self-Serve ${tag}`, 'SELF_SERVE', true);
      const plan = await p.plan(`silver ${tag}`);
      const mine = await makeCertificate({ name: 'CN=globex self-serve', freshKey: true });
      const other = await makeCertificate({ name: 'CN=hooli self-serve', freshKey: true });
      const globexDev = await p.consumer(globex, 'globex dev');
      const hooliDev = await p.consumer(hooli, 'hooli dev');
      const mineRequest = await p.request(globexDev, { product, plan, appName: 'globex app', pem: mine.pem });
      const otherRequest = await p.request(hooliDev, { product, plan, appName: 'hooli app', pem: other.pem });
      await p.approve(mineRequest);
      await p.approve(otherRequest);
      const token = await p.token(globexDev, mineRequest);
      expect(await callGateway('/payments/orders', { cert: mine, token })).toMatchObject({ status: 200 });
      // Hooli's certificate is on the allow list too; only the binding refuses it with Globex's token.
      expect(await callGateway('/payments/orders', { cert: other, token })).toEqual({
        status: 401,
        body: { error: 'Access to this API has been disallowed' },
      });
      expect(await callGateway('/payments/orders', { cert: mine })).toEqual({
        status: 401,
        body: { error: 'Authorization field missing' },
      });
    });
  },
);
