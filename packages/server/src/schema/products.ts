import {
  type ApiKind,
  type CertificateMode,
  type CREDENTIAL_SOURCES,
  credentialSource,
  ID_PREFIXES,
  type ProductApi as ProductApiModel,
  type ProductAuthType,
  type Product as ProductModel,
} from '@repo/core';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { arrayConnection } from './connections.ts';
import { Provider } from './providers.ts';
import { registerNodeIdPrefix } from './user-errors.ts';

export const Product = builder.objectRef<ProductModel>('Product');
registerNodeIdPrefix(ID_PREFIXES.product, 'Product');

export const CredentialSourceEnum = builder.enumType('CredentialSource', {
  description: 'Where the token a consumer sends with its certificate comes from.',
  values: {
    PORTAL_KEY: {
      description:
        "Auth Token: approval issues a Tyk key the portal holds for the consumer (the request's `credentials`).",
    },
    CONSUMER_JWT: {
      description:
        "JWT: the portal issues nothing; the consumer sends a JWT from the identity provider the API trusts (the API definition's JWT source).",
    },
    NONE: { description: 'Neither: the APIs use another authentication.' },
  } satisfies Record<(typeof CREDENTIAL_SOURCES)[number], { description: string }>,
});

export const ProductAuthTypeEnum = builder.enumType('ProductAuthType', {
  description: "How the Gateway authenticates calls to a product's APIs, derived from their definitions.",
  values: {
    AUTH_TOKEN_MTLS: { description: 'Auth Token (standard auth) with static mTLS: an allow list.' },
    JWT_MTLS: { description: 'JWT with static mTLS.' },
    AUTH_TOKEN: { description: 'Auth Token without mTLS.' },
    JWT: { description: 'JWT without mTLS.' },
    OTHER: { description: 'Anything else (keyless, OAuth, …).' },
  } satisfies Record<ProductAuthType, unknown>,
});

export const CertificateModeEnum = builder.enumType('CertificateMode', {
  description: 'Who supplies the client certificates of an Auth Token + mTLS product (Tyk Portal 1.16).',
  values: {
    MANAGED: { description: "The organisation's certificates, associated by an admin; requests carry none." },
    SELF_SERVE: { description: 'Each access request carries its own certificate.' },
  } satisfies Record<CertificateMode, unknown>,
});

const ApiKindEnum = builder.enumType('ApiKind', {
  description: 'The shape of a Dashboard API definition.',
  values: {
    CLASSIC: { description: 'A classic Tyk API definition.' },
    OAS: { description: 'A Tyk OAS API definition.' },
  } satisfies Record<ApiKind, unknown>,
});

export const ProductApi = builder.objectRef<ProductApiModel>('ProductApi').implement({
  description: 'A Dashboard API a product contains.',
  fields: (t) => ({
    apiId: t.exposeString('apiId', { description: "The API's `api_id` in the Dashboard." }),
    apiKind: t.expose('apiKind', { type: ApiKindEnum, description: 'Classic or OAS definition.' }),
    name: t.exposeString('apiName', {
      nullable: true,
      description: "The API's name when the product was made.",
    }),
  }),
});

builder.node(Product, {
  description:
    'Dashboard APIs of one provider, requested and approved together, with their certificate rules.',
  id: { resolve: (product) => product.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.products, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique within its provider.' }),
    description: t.exposeString('description', { nullable: true, description: 'For consumers.' }),
    authType: t.expose('authType', { type: ProductAuthTypeEnum, description: 'Derived from its APIs.' }),
    credentialSource: t.field({
      type: CredentialSourceEnum,
      description: 'Where the token sent with the certificate comes from, once access is approved.',
      resolve: (product) => credentialSource(product.authType),
    }),
    certificateMode: t.expose('certificateMode', {
      type: CertificateModeEnum,
      nullable: true,
      description: 'Who supplies certificates; null unless AUTH_TOKEN_MTLS.',
    }),
    bindCertificateToToken: t.exposeBoolean('bindCertificateToToken', {
      description: 'Issued keys work only with the provisioned certificates (AUTH_TOKEN_MTLS only).',
    }),
    apis: t.field({ type: [ProductApi], description: 'Its Dashboard APIs.', resolve: (p) => [...p.apis] }),
    provider: t.field({
      type: Provider,
      nullable: true,
      description: 'The Dashboard its APIs live in; null for consumers, who do not see providers.',
      resolve: (p, _args, ctx) => ctx.loaders.providers.load(p.providerId),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

const ProductConnection = builder.connectionObject(
  { type: Product, name: 'ProductConnection', description: 'A page of products.' },
  { name: 'ProductEdge', description: 'A product in a page, with its cursor.' },
);

const ProductFilter = builder.inputType('ProductFilter', {
  description: 'Which products to list.',
  fields: (t) => ({
    provider: t.globalID({ for: Provider, description: "Only this provider's products (admins)." }),
  }),
});

builder.queryField('products', (t) =>
  t.connection(
    {
      type: Product,
      description: 'The products consumers may request, by name. Every authenticated caller sees them all.',
      args: { filter: t.arg({ type: ProductFilter, description: 'Which products to list.' }) },
      resolve: async (_root, args, ctx) => {
        const providerId = args.filter?.provider?.id;
        // A provider the caller may not see filters to nothing (consumers see no provider).
        if (providerId !== undefined && !(await ctx.loaders.providers.load(providerId)))
          return arrayConnection(args, []);
        return arrayConnection(args, await ctx.core.products.list({ providerId }));
      },
    },
    ProductConnection,
  ),
);
