import { sql } from 'drizzle-orm';
import { boolean, check, index, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { idColumn, lifecycleDates, oneOf, table } from './_columns.ts';
import { providers } from './providers.ts';

export const PRODUCT_AUTH_TYPES = ['AUTH_TOKEN_MTLS', 'JWT_MTLS', 'AUTH_TOKEN', 'JWT', 'OTHER'] as const;
export type ProductAuthType = (typeof PRODUCT_AUTH_TYPES)[number];
export const CERTIFICATE_MODES = ['MANAGED', 'SELF_SERVE'] as const;
export type CertificateMode = (typeof CERTIFICATE_MODES)[number];
export const API_KINDS = ['CLASSIC', 'OAS'] as const;
export type ApiKind = (typeof API_KINDS)[number];

/** A set of Dashboard APIs of one provider, requested and approved together. */
export const products = table(
  'products',
  {
    id: idColumn('prd'),
    providerId: text()
      .notNull()
      .references(() => providers.id, { onDelete: 'restrict' }),
    /** Unique within the provider. */
    name: text().notNull(),
    description: text(),
    /** Derived from the APIs' definitions, which must all agree. */
    authType: text({ enum: PRODUCT_AUTH_TYPES }).notNull(),
    /** Set exactly when `authType` is AUTH_TOKEN_MTLS (the only type it applies to). */
    certificateMode: text({ enum: CERTIFICATE_MODES }),
    /** Write `mtls_static_certificate_bindings` on issued keys; only true for AUTH_TOKEN_MTLS. */
    bindCertificateToToken: boolean().notNull().default(false),
    ...lifecycleDates,
  },
  (t) => [
    unique('products_provider_id_name_unique').on(t.providerId, t.name),
    oneOf('products_auth_type_valid', t.authType, PRODUCT_AUTH_TYPES),
    check(
      'products_certificate_mode_only_for_auth_token_mtls',
      sql`(${t.authType} = 'AUTH_TOKEN_MTLS') = (${t.certificateMode} IS NOT NULL)`,
    ),
    oneOf('products_certificate_mode_valid', t.certificateMode, CERTIFICATE_MODES),
    check(
      'products_binding_only_for_auth_token_mtls',
      sql`NOT ${t.bindCertificateToToken} OR ${t.authType} = 'AUTH_TOKEN_MTLS'`,
    ),
  ],
);

/** The Dashboard APIs of a product; approval updates each one's allow list. */
export const productApis = table(
  'product_apis',
  {
    productId: text()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** The Dashboard's `api_id`. */
    apiId: text().notNull(),
    /** Where the allow list lives: classic `client_certificates` or OAS `clientCertificates.allowlist`. */
    apiKind: text({ enum: API_KINDS }).notNull(),
    /** Display name as last read from the Dashboard. */
    apiName: text(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.apiId] }),
    oneOf('product_apis_api_kind_valid', t.apiKind, API_KINDS),
    // Serialising allow-list writes and the explainer go from an API to its products.
    index('product_apis_api_id_idx').on(t.apiId),
  ],
);
