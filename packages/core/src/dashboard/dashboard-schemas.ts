import { z } from 'zod';

// Shapes of the Tyk Dashboard answers we read, as Tyk's Dashboard API (OpenAPI) names them; the Go
// types behind them are `certs.CertificateBasics`/`CertificateMeta` (certs/manager.go),
// `apidef.APIDefinition` and `user.SessionState`. Objects are loose: Tyk adds fields between
// versions, and an API definition must go back whole on PUT.

const rfc3339 = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');

/** One row of `GET /api/certs?mode=detailed` (`cert_basics`). */
export const certificateBasics = z.looseObject({
  id: z.string().min(64),
  issuer_cn: z.string(),
  subject_cn: z.string(),
  dns_names: z.array(z.string()).nullish(),
  has_private: z.boolean(),
  not_before: rfc3339,
  not_after: rfc3339,
  is_ca: z.boolean(),
  /** Filled by the client from `/api/certs/details` (RFC 4514); `mode=detailed` has no DNs. */
  subject_dn: z.string().nullish(),
  issuer_dn: z.string().nullish(),
});
export type CertificateBasics = z.infer<typeof certificateBasics>;

export const certificateBasicsPage = z.looseObject({
  cert_basics: z.array(certificateBasics).nullable(),
  pages: z.number().int().nonnegative(),
});

/** Go's `pkix.Name` as marshalled: `Names` holds every attribute, in the certificate's order. */
const pkixName = z.looseObject({
  CommonName: z.string(),
  Names: z.array(z.looseObject({ Type: z.array(z.number().int()), Value: z.unknown() })).nullish(),
});
export type PkixName = z.infer<typeof pkixName>;

/** `GET /api/certs/{id}`. */
export const certificateMeta = z.looseObject({
  id: z.string(),
  fingerprint: z.string(),
  has_private: z.boolean(),
  issuer: pkixName,
  subject: pkixName,
  not_before: rfc3339,
  not_after: rfc3339,
  dns_names: z.array(z.string()).nullish(),
  is_ca: z.boolean(),
});
export type CertificateMeta = z.infer<typeof certificateMeta>;

/** `GET /api/certs/details?p=`: the full metadata of a page of certificates. */
export const certificateDetailsPage = z.looseObject({
  certificates: z.array(certificateMeta).nullable(),
  pages: z.number().int().nonnegative(),
});

export const certificateAdded = z.looseObject({ id: z.string(), message: z.string(), status: z.string() });

export const certificateApis = z.looseObject({
  cert_id: z.string().optional(),
  pages: z.number().int().optional(),
  apis: z
    .array(z.looseObject({ api_id: z.string(), name: z.string(), usage_type: z.array(z.string()).nullish() }))
    .nullable(),
});

/** The classic definition fields the portal reads or writes; everything else rides along untouched. */
export const classicApiDefinition = z.looseObject({
  api_id: z.string(),
  org_id: z.string(),
  name: z.string(),
  use_keyless: z.boolean().optional(),
  use_standard_auth: z.boolean().optional(),
  enable_jwt: z.boolean().optional(),
  use_mutual_tls_auth: z.boolean().optional(),
  client_certificates: z.array(z.string()).nullish(),
  is_oas: z.boolean().optional(),
  proxy: z.looseObject({ listen_path: z.string() }).optional(),
});
export type ClassicApiDefinition = z.infer<typeof classicApiDefinition>;

export const apiDefinitionWrapper = z.looseObject({ api_definition: classicApiDefinition });
export type ApiDefinitionWrapper = z.infer<typeof apiDefinitionWrapper>;

export const apiDefinitionPage = z.looseObject({
  apis: z.array(apiDefinitionWrapper).nullable(),
  pages: z.number().int().nonnegative(),
});

/** A Tyk OAS document; only the extension's client-certificate block is typed. */
export const oasApiDefinition = z.looseObject({
  'x-tyk-api-gateway': z.looseObject({
    info: z.looseObject({ id: z.string().optional(), orgId: z.string().optional(), name: z.string() }),
    server: z.looseObject({
      clientCertificates: z
        .looseObject({ enabled: z.boolean(), allowlist: z.array(z.string()).nullish() })
        .optional(),
    }),
  }),
});
export type OasApiDefinition = z.infer<typeof oasApiDefinition>;

export const tykStatus = z.looseObject({ Status: z.string(), Message: z.string() });

/** A key's session (Tyk `user/session.go` `SessionState`). */
export const sessionState = z.looseObject({
  org_id: z.string().optional(),
  expires: z.number().optional(),
  is_inactive: z.boolean().optional(),
  access_rights: z
    .record(
      z.string(),
      z.looseObject({
        api_id: z.string(),
        api_name: z.string().optional(),
        versions: z.array(z.string()).optional(),
      }),
    )
    .nullish(),
  rate: z.number().optional(),
  per: z.number().optional(),
  /** Tyk's int64: a number as read back, a bigint as the portal writes it (see json-body.ts). */
  quota_max: z.union([z.number(), z.bigint()]).optional(),
  quota_renewal_rate: z.number().optional(),
  /** As the Gateway reports it on a read: `quota_max` minus this period's count, at least 0. */
  quota_remaining: z.number().optional(),
  meta_data: z.record(z.string(), z.unknown()).nullish(),
  mtls_static_certificate_bindings: z.array(z.string()).nullish(),
});
export type SessionState = z.infer<typeof sessionState>;

export const keyData = z.looseObject({
  key_id: z.string(),
  key_hash: z.string().optional(),
  data: sessionState,
});
export type KeyData = z.infer<typeof keyData>;

export const anything = z.unknown();
