import type { ClassicApiDefinition } from '../dashboard/dashboard-schemas.ts';
import type { ProductAuthType } from '../db/schema/products.ts';

/**
 * The auth type of one API as the portal sells it (Tyk's "Mutual TLS, Authentication Token" and
 * "JWT + mTLS"). Read from the classic view, which the Dashboard also serves for OAS APIs.
 * Static mTLS is `use_mutual_tls_auth`; `auth_configs.authToken.use_certificate` is dynamic mTLS,
 * a different feature, and does not count.
 */
export function apiAuthType(api: ClassicApiDefinition): ProductAuthType {
  const mtls = api.use_mutual_tls_auth === true;
  const token = api.use_standard_auth === true;
  const jwt = api.enable_jwt === true;
  if (token && !jwt) return mtls ? 'AUTH_TOKEN_MTLS' : 'AUTH_TOKEN';
  if (jwt && !token) return mtls ? 'JWT_MTLS' : 'JWT';
  return 'OTHER';
}

/** Certificate mode and binding exist only for Auth Token + mTLS (Portal 1.16/1.17). */
export function supportsCertificateOptions(authType: ProductAuthType): boolean {
  return authType === 'AUTH_TOKEN_MTLS';
}
