import { authHeaderName, classicView } from '../oas/classic-view.ts';
import type { StoredApi } from '../state/stored-api.ts';

/** What the gateway needs of one loaded API, read once per definition revision. */
export interface GatewayApi {
  readonly dbId: string;
  readonly revision: number;
  readonly apiId: string;
  readonly orgId: string;
  readonly name: string;
  /** Without a trailing slash (`/` stays `/`), so `/pay` and `/pay/x` both match `/pay/`. */
  readonly listenPath: string;
  readonly useKeyless: boolean;
  readonly enableJwt: boolean;
  readonly useMutualTls: boolean;
  readonly clientCertificates: readonly string[];
  readonly tokenHeader: string;
  readonly jwtHeader: string;
  readonly jwtSource: string;
  readonly jwtSigningMethod: string;
  readonly jwtIdentityBaseField: string;
  /** `disable_quota`: the API counts no quota (`RateLimitAndQuotaCheck` skips it). */
  readonly disableQuota: boolean;
  /** `disable_rate_limit`: the API applies no rate limit. */
  readonly disableRateLimit: boolean;
}

/** The API as the Gateway loads it, or undefined when it is inactive or has no listen path. */
export function gatewayApi(api: StoredApi): GatewayApi | undefined {
  const view = classicView(api.definition);
  if (!view.active || view.proxy.listen_path === '') return undefined;
  const listenPath = view.proxy.listen_path.replace(/\/+$/, '') || '/';
  return {
    dbId: api.dbId,
    revision: api.revision,
    apiId: view.api_id,
    orgId: view.org_id,
    name: view.name,
    listenPath,
    useKeyless: view.use_keyless,
    enableJwt: view.enable_jwt,
    useMutualTls: view.use_mutual_tls_auth,
    clientCertificates: view.client_certificates,
    tokenHeader: authHeaderName(view, 'authToken'),
    jwtHeader: authHeaderName(view, 'jwt'),
    jwtSource: view.jwt_source,
    jwtSigningMethod: view.jwt_signing_method,
    jwtIdentityBaseField: view.jwt_identity_base_field,
    disableQuota: view.disable_quota,
    disableRateLimit: view.disable_rate_limit,
  };
}
