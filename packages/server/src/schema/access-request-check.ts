import type { AccessRequestApiCheck, AccessRequestCheck } from '@repo/core';
import { AccessRequest } from './access-requests.ts';
import { builder } from './builder.ts';
import { pemFallback } from './certificate-inspect.ts';
import type { Settled } from './payloads.ts';
import { Product, ProductApi } from './products.ts';
import { Report } from './request-check.ts';
import { QUERY_USER_ERRORS_DOC, settle, UserError } from './user-errors.ts';

// The request check a consumer runs on its own access request: no token, no Tyk API ids.

const CheckedCredential = builder.enumType('AccessRequestCheckCredential', {
  description: 'The token the check sent for the request.',
  values: {
    SENT: { description: "The request's live credential, as its client sends it (never shown)." },
    NONE: { description: 'The request has no live credential (not approved, revoked, failed): no token.' },
  } as const,
});

const ApiCheck = builder.objectRef<AccessRequestApiCheck>('AccessRequestApiCheck').implement({
  description: "One API of the request's product and the Gateway's decision for it.",
  fields: (t) => ({
    api: t.field({ type: ProductApi, description: 'The API.', resolve: (c) => c.api }),
    report: t.field({
      type: Report,
      nullable: true,
      description: 'The checks; null when the Dashboard no longer has the API (every call to it fails).',
      resolve: (c) => c.report,
    }),
  }),
});

const Check = builder.objectRef<AccessRequestCheck>('AccessRequestCheck').implement({
  description: "Would the Gateway let the request's client through, API by API of its product?",
  fields: (t) => ({
    accessRequest: t.field({
      type: AccessRequest,
      nullable: true,
      description: 'The request checked.',
      resolve: (c, _args, ctx) => ctx.loaders.accessRequests.load(c.accessRequestId),
    }),
    product: t.field({
      type: Product,
      nullable: true,
      description: 'Its product.',
      resolve: (c, _args, ctx) => ctx.loaders.products.load(c.productId),
    }),
    credential: t.expose('credential', { type: CheckedCredential, description: 'The token sent.' }),
    apis: t.field({
      type: [ApiCheck],
      description: "Every API of the product, in the product's order.",
      resolve: (c) => [...c.apis],
    }),
    wouldPass: t.exposeBoolean('wouldPass', { description: 'Every API would answer the request with 200.' }),
  }),
});

const AccessRequestCheckInput = builder.inputType('AccessRequestCheckInput', {
  description: 'An access request and the chain its client presents.',
  fields: (t) => ({
    accessRequest: t.globalID({ for: AccessRequest, required: true, description: 'The request.' }),
    pem: t.string({ required: true, description: 'The chain the client presents, leaf first.' }),
  }),
});

const AccessRequestCheckPayload = builder
  .objectRef<Settled<AccessRequestCheck>>('AccessRequestCheckPayload')
  .implement({
    description: 'The check, or why the request could not be checked.',
    fields: (t) => ({
      check: t.field({ type: Check, nullable: true, description: 'The checks.', resolve: (p) => p.value }),
      userErrors: t.expose('userErrors', { type: [UserError], description: QUERY_USER_ERRORS_DOC }),
    }),
  });

builder.queryField('accessRequestCheck', (t) =>
  t.withAuth({ loggedIn: true }).field({
    type: AccessRequestCheckPayload,
    description:
      "Would the Gateway let this access request's client through? Checks every API of its product with " +
      "the request's own credential (the caller sends no token and sees none) and the chain the client " +
      "presents. Reads the Dashboard, changes nothing. Consumers may check their organisation's requests.",
    args: { input: t.arg({ type: AccessRequestCheckInput, required: true, description: 'The request.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.requestCheck.explainAccessRequest(
          { accessRequestId: input.accessRequest.id, pem: input.pem },
          ctx.viewer.actor,
        ),
        { fields: { accessRequestId: 'accessRequest' }, subject: 'accessRequest', fallback: pemFallback },
      ),
  }),
);
