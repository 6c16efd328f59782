import type { Product as ProductModel } from '@repo/core';
import { builder } from './builder.ts';
import { payloadType, type Settled } from './payloads.ts';
import { CertificateModeEnum, Product } from './products.ts';
import { Provider } from './providers.ts';
import { settle, USER_ERRORS_DOC, UserError } from './user-errors.ts';

const ProductCreateInput = builder.inputType('ProductCreateInput', {
  description: 'A product to create over Dashboard APIs of one provider.',
  fields: (t) => ({
    provider: t.globalID({ for: Provider, required: true, description: 'The Dashboard its APIs live in.' }),
    name: t.string({ required: true, description: 'Unique within the provider, 1 to 100 characters.' }),
    description: t.string({ description: 'For consumers, up to 2000 characters.' }),
    apiIds: t.stringList({
      required: true,
      description: "The APIs' `api_id`s (1 to 50); they must share one auth type.",
    }),
    certificateMode: t.field({
      type: CertificateModeEnum,
      description: 'AUTH_TOKEN_MTLS only; default SELF_SERVE.',
    }),
    bindCertificateToToken: t.boolean({ description: 'AUTH_TOKEN_MTLS only; default false.' }),
  }),
});

const ProductUpdateInput = builder.inputType('ProductUpdateInput', {
  description: 'Changes to a product; omitted fields stay as they are. Its APIs cannot change.',
  fields: (t) => ({
    product: t.globalID({ for: Product, required: true, description: 'The product to change.' }),
    name: t.string({ description: 'New name.' }),
    description: t.string({ description: 'New description; null clears it.' }),
    certificateMode: t.field({ type: CertificateModeEnum, description: 'New mode (AUTH_TOKEN_MTLS only).' }),
    bindCertificateToToken: t.boolean({ description: 'New binding (AUTH_TOKEN_MTLS only).' }),
  }),
});

interface Updated extends Settled<{ product: ProductModel; warnings: string[] }> {}

const ProductUpdatePayload = builder.objectRef<Updated>('ProductUpdatePayload').implement({
  description: 'The changed product and any warnings, or why not.',
  fields: (t) => ({
    product: t.field({
      type: Product,
      nullable: true,
      description: 'The product.',
      resolve: (p) => p.value?.product ?? null,
    }),
    warnings: t.stringList({
      description:
        "Tyk's warnings when a mode or binding changes under approved access; the change was made.",
      resolve: (p) => p.value?.warnings ?? [],
    }),
    userErrors: t.expose('userErrors', { type: [UserError], description: USER_ERRORS_DOC }),
  }),
});

builder.mutationFields((t) => ({
  productCreate: t.withAuth({ admin: true }).field({
    type: payloadType('ProductCreatePayload', {
      description: 'The created product, or why not.',
      field: 'product',
      type: Product,
      fieldDescription: 'The new product.',
    }),
    description:
      "Creates a product: reads each API's definition from the Dashboard to derive its auth type. Admins only.",
    args: { input: t.arg({ type: ProductCreateInput, required: true, description: 'The product.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.products.create(
          {
            providerId: input.provider.id,
            name: input.name,
            description: input.description,
            apiIds: input.apiIds,
            certificateMode: input.certificateMode ?? undefined,
            bindCertificateToToken: input.bindCertificateToToken ?? undefined,
          },
          ctx.viewer.actor,
        ),
        { subject: 'provider' },
      ),
  }),
  productUpdate: t.withAuth({ admin: true }).field({
    type: ProductUpdatePayload,
    description:
      'Changes name, description, certificate mode or binding. With approved access, a mode or binding ' +
      'change is made and comes back with a warning. Admins only.',
    args: { input: t.arg({ type: ProductUpdateInput, required: true, description: 'The changes.' }) },
    resolve: async (_root, { input: { product, description, ...rest } }, ctx) => {
      // Absent and null mean "unchanged", except for description, where null clears it.
      const patch = Object.fromEntries(Object.entries(rest).filter(([, value]) => value != null));
      const changes = description === undefined ? patch : { ...patch, description };
      return settle(await ctx.core.products.update(product.id, changes, ctx.viewer.actor), {
        subject: 'product',
      });
    },
  }),
}));
