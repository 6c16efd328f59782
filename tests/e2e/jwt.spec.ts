import { createHmac, randomBytes } from 'node:crypto';
import { makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { describe, expect, it } from 'vitest';
import { ORG_ID } from '../support/core-harness.ts';
import type { E2eServer } from './setup/global-setup.ts';
import { allowList, classicApi, newApiId, seedMock } from './support/mock-apis.ts';
import { callGateway, dashboard, graphql, servers } from './support/portal.ts';
import { portal } from './support/stories.ts';

/** An HS256 JWT made here with node:crypto, as a consumer's identity provider would. */
function jwt(claims: Record<string, unknown>, secret: Buffer) {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

type UserError = { code: string; path: string[] | null; message: string };

/** A mutation whose `userErrors` the test reads itself (the `graphql` helper throws on them). */
async function refusal(server: E2eServer, query: string, input: Record<string, unknown>) {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const body = (await response.json()) as {
    data?: Record<string, { userErrors: UserError[] }>;
    errors?: { message: string }[];
  };
  if (!body.data) throw new Error(`${query.split('(')[0]}: ${JSON.stringify(body.errors)}`);
  return Object.values(body.data)[0]!.userErrors;
}

const PRODUCT_CREATE = `mutation ProductCreate($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id authType certificateMode bindCertificateToToken } userErrors { code path message } }
}`;
const PRODUCT_UPDATE = `mutation ProductUpdate($input: ProductUpdateInput!) {
  productUpdate(input: $input) { product { id } userErrors { code path message } }
}`;

describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] JWT + mTLS: the Dashboard owns the allow list, the consumer brings the JWT',
  (database, server) => {
    const p = portal(server);
    const tag = `${database}-${Date.now().toString(36)}`;

    it('refuses mode and binding, approves without a key, and the gateway checks the JWT and the Dashboard allow list', async () => {
      const secret = randomBytes(32);
      const api = { apiId: newApiId(), listenPath: `/jwt-${tag}/` };
      await seedMock({
        apis: [
          classicApi(api, `JWT API ${tag}`, [], {
            enable_jwt: true,
            jwt_signing_method: 'hmac',
            jwt_source: secret.toString('base64'),
            jwt_identity_base_field: 'sub',
          }),
        ],
      });
      const provider = await p.provider();
      const base = { provider, name: `Reports ${tag}`, apiIds: [api.apiId] };

      for (const [field, options] of [
        ['certificateMode', { certificateMode: 'MANAGED' }],
        ['certificateMode', { certificateMode: 'SELF_SERVE' }],
        ['bindCertificateToToken', { bindCertificateToToken: true }],
      ] as const) {
        expect(
          await refusal(server, PRODUCT_CREATE, { ...base, ...options }),
          `productCreate with ${JSON.stringify(options)}`,
        ).toEqual([
          { code: 'PRODUCT_OPTION_NOT_APPLICABLE', path: ['input', field], message: expect.any(String) },
        ]);
      }
      const { productCreate } = await graphql<{
        productCreate: { product: { id: string; authType: string } };
      }>(server, PRODUCT_CREATE, { input: base });
      expect(productCreate.product, 'productCreate without a mode').toEqual({
        id: expect.any(String),
        authType: 'JWT_MTLS',
        certificateMode: null,
        bindCertificateToToken: false,
      });
      const product = productCreate.product.id;
      expect(
        await refusal(server, PRODUCT_UPDATE, { product, certificateMode: 'MANAGED' }),
        'productUpdate with a mode',
      ).toMatchObject([{ code: 'PRODUCT_OPTION_NOT_APPLICABLE', path: ['input', 'certificateMode'] }]);

      const acme = await p.organisation(`JWT Acme ${tag}`);
      const consumer = await p.consumer(acme, 'jwt dev');
      const plan = await p.plan(`jwt gold ${tag}`);
      const listed = await makeCertificate({ name: 'CN=jwt listed', freshKey: true });
      const unlisted = await makeCertificate({ name: 'CN=jwt unlisted', freshKey: true });
      await expect(
        p.request(consumer, { product, plan, appName: 'jwt app with pem', pem: listed.pem }),
        'accessRequestSubmit with a certificate',
      ).rejects.toThrow(/ACCESS_REQUEST_CERTIFICATE_NOT_ACCEPTED/);
      const request = await p.request(consumer, { product, plan, appName: 'jwt app' });
      await p.approve(request);
      const { node } = await graphql<{ node: { status: string; credentials: unknown[] } }>(
        server,
        `query JwtRequest($id: ID!) { node(id: $id) { ... on AccessRequest { status credentials { id } } } }`,
        { id: request },
        consumer,
      );
      expect(node, 'approved JWT request: no portal key').toEqual({ status: 'APPROVED', credentials: [] });
      expect(await allowList(api.apiId), 'approval leaves the JWT API allow list alone').toEqual([]);

      // The API owner allow-lists the consumer's certificate in the Dashboard.
      expect((await dashboard('POST', '/api/certs', listed.pem)).status, 'Dashboard certificate upload').toBe(
        200,
      );
      const wrapper = await (await dashboard('GET', `/api/apis/${api.apiId}`)).json();
      wrapper.api_definition.client_certificates = [ORG_ID + sha256Hex(listed.der)];
      expect(
        (await dashboard('PUT', `/api/apis/${api.apiId}`, JSON.stringify(wrapper))).status,
        'Dashboard allow-list write',
      ).toBe(200);

      const now = Math.floor(Date.now() / 1000);
      const valid = `Bearer ${jwt({ sub: `acme-${tag}`, iat: now, exp: now + 300 }, secret)}`;
      const path = `${api.listenPath}daily`;
      expect(
        await callGateway(path, { cert: listed, token: valid }),
        'listed certificate + valid JWT',
      ).toMatchObject({ status: 200, body: { api_id: api.apiId, match: 'EXACT' } });
      expect(
        await callGateway(path, { cert: unlisted, token: valid }),
        'unlisted certificate + valid JWT',
      ).toEqual({
        status: 403,
        body: { error: `Certificate with SHA256 ${sha256Hex(unlisted.der)} not allowed` },
      });
      expect(await callGateway(path, { token: valid }), 'no certificate + valid JWT').toEqual({
        status: 403,
        body: { error: 'Client TLS certificate is required' },
      });
      expect(await callGateway(path, { cert: listed }), 'listed certificate, no JWT').toEqual({
        status: 400,
        body: { error: 'Authorization field missing' },
      });
      const forged = `Bearer ${jwt({ sub: `acme-${tag}`, exp: now + 300 }, randomBytes(32))}`;
      expect(
        await callGateway(path, { cert: listed, token: forged }),
        'JWT signed with another secret',
      ).toEqual({
        status: 403,
        body: { error: 'Key not authorized' },
      });
      const expired = `Bearer ${jwt({ sub: `acme-${tag}`, exp: now - 60 }, secret)}`;
      expect(await callGateway(path, { cert: listed, token: expired }), 'expired JWT').toEqual({
        status: 401,
        body: { error: 'Key not authorized: token has expired' },
      });
    });
  },
);
