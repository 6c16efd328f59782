import { z } from 'zod';
import type { JsonObject } from '../state/stored-api.ts';

const authConfig = z.object({ auth_header_name: z.string().catch('') }).catch({ auth_header_name: '' });

/**
 * The fields of a classic definition that the mock acts on, read leniently: a PUT body is stored
 * verbatim (as Tyk does), and a field of the wrong type reads as Go's zero value.
 */
const classicSchema = z.object({
  api_id: z.string().catch(''),
  org_id: z.string().catch(''),
  name: z.string().catch(''),
  active: z.boolean().catch(true),
  use_keyless: z.boolean().catch(false),
  use_standard_auth: z.boolean().catch(false),
  enable_jwt: z.boolean().catch(false),
  use_mutual_tls_auth: z.boolean().catch(false),
  client_certificates: z.array(z.string()).catch([]),
  certificates: z.array(z.string()).catch([]),
  upstream_certificates: z.record(z.string(), z.string()).catch({}),
  jwt_source: z.string().catch(''),
  jwt_signing_method: z.string().catch(''),
  jwt_identity_base_field: z.string().catch(''),
  disable_quota: z.boolean().catch(false),
  disable_rate_limit: z.boolean().catch(false),
  auth: authConfig,
  auth_configs: z.record(z.string(), authConfig).catch({}),
  proxy: z.object({ listen_path: z.string().catch('') }).catch({ listen_path: '' }),
});

export type ClassicView = z.infer<typeof classicSchema>;

export function classicView(definition: JsonObject): ClassicView {
  return classicSchema.parse(definition);
}

/** The header a token is read from: `auth_configs.<type>`, then the deprecated `auth`, then Tyk's default. */
export function authHeaderName(view: ClassicView, type: 'authToken' | 'jwt'): string {
  return view.auth_configs[type]?.auth_header_name || view.auth.auth_header_name || 'Authorization';
}
