import { z } from 'zod';
import { apiKindOf, oasAllowList } from '../dashboard/api-allow-list.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import { oasApiDefinition } from '../dashboard/dashboard-schemas.ts';
import { Ok, type Result } from '../result.ts';
import type { JwtConfig } from './jwt-check.ts';
import type { CheckedApi } from './request-check.ts';

/** What the request check needs of one API definition. */
export interface ApiView extends Omit<CheckedApi, 'allowListEntries'> {
  /** The allow list as written: certificate ids, or (GW 5.14+) inline PEM. */
  readonly allowList: readonly string[];
  readonly jwt: JwtConfig;
}

// The classic fields read here beyond the shared schema's; wrong types read as Go's zero values.
// (The allow list itself was validated by the client: no second pass over 10,000 strings.)
const classicFields = z.object({
  use_keyless: z.boolean().catch(false),
  enable_jwt: z.boolean().catch(false),
  use_mutual_tls_auth: z.boolean().catch(false),
  jwt_source: z.string().catch(''),
  jwt_signing_method: z.string().catch(''),
  jwt_identity_base_field: z.string().catch(''),
});

// The Dashboard answers 400 "Could not retrieve API detail" for an unknown id (swagger), some versions 404.
const UNKNOWN_API = /could not retrieve api detail|does not exist|not found/i;

/**
 * Reads the API's current definition. The classic view (which the Dashboard also gives for OAS
 * APIs) says how the API authenticates; for an OAS API the allow list is read from the OAS
 * document itself, the definition the Gateway loads. Ok(undefined) for an unknown API; other
 * Dashboard failures are the Err.
 */
export async function loadApiView(
  client: DashboardClient,
  apiId: string,
): Promise<Result<ApiView | undefined, DashboardError>> {
  const read = await client.getApi(apiId);
  if (!read.ok) return isUnknownApi(read.error) ? Ok(undefined) : read;
  const wrapper = read.value;
  const definition = wrapper.api_definition;
  const classic = classicFields.parse(definition);
  const common = {
    apiId: definition.api_id,
    name: definition.name,
    orgId: definition.org_id,
    auth: classic.enable_jwt ? 'JWT' : classic.use_keyless ? 'KEYLESS' : 'AUTH_TOKEN',
    jwt: {
      source: classic.jwt_source,
      signingMethod: classic.jwt_signing_method,
      identityBaseField: classic.jwt_identity_base_field,
    },
  } as const;
  if (apiKindOf(wrapper) === 'CLASSIC') {
    return Ok({
      ...common,
      definition: 'CLASSIC',
      staticMutualTls: classic.use_mutual_tls_auth,
      allowList: definition.client_certificates ?? [],
    });
  }
  const embedded = oasApiDefinition.safeParse(wrapper.oas);
  const oas = embedded.success ? Ok(embedded.data) : await client.getOasApi(definition.api_id);
  if (!oas.ok) return oas;
  return Ok({
    ...common,
    definition: 'OAS',
    staticMutualTls: oas.value['x-tyk-api-gateway'].server.clientCertificates?.enabled ?? false,
    allowList: oasAllowList(oas.value),
  });
}

function isUnknownApi(error: DashboardError): boolean {
  if (error.code === 'DASHBOARD_NOT_FOUND') return true;
  return error.code === 'DASHBOARD_REJECTED' && error.status === 400 && UNKNOWN_API.test(error.message);
}
