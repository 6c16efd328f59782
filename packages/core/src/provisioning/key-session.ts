import type { SessionState } from '../dashboard/dashboard-schemas.ts';
import type { Plan } from '../plans/plan.service.ts';
import type { Product } from '../products/product.ts';
import type { SecretBox } from '../secrets/secret-box.ts';

/**
 * The Dashboard key id of a request. Derived, so a retried step finds the key instead of making a
 * second; keyed with the portal's secret, because a custom key id IS the token at the Gateway and
 * must not be computable from the request id.
 */
export function keyIdFor(secrets: SecretBox, accessRequestId: string): string {
  return `mtlsp${secrets.derive('dashboard-key-id', accessRequestId)}`;
}

/**
 * The session an approval writes (Tyk's `user.SessionState`): access to every API of the product,
 * the plan's rate, quota and lifetime, and the certificate bindings when the product binds.
 */
export function keySession(args: {
  orgId: string;
  product: Product;
  plan: Plan;
  certificateTykIds: readonly string[];
  accessRequestId: string;
  appId: string;
  now: Date;
}): SessionState {
  const { product, plan } = args;
  return {
    org_id: args.orgId,
    is_inactive: false,
    expires:
      plan.keyLifetimeSeconds > 0 ? Math.floor(args.now.getTime() / 1000) + plan.keyLifetimeSeconds : 0,
    access_rights: Object.fromEntries(
      product.apis.map((api) => [
        api.apiId,
        { api_id: api.apiId, api_name: api.apiName ?? api.apiId, versions: ['Default'] },
      ]),
    ),
    rate: plan.rate,
    per: plan.per,
    quota_max: plan.quotaMax,
    quota_renewal_rate: plan.quotaRenewalRate,
    meta_data: {
      portal_access_request: args.accessRequestId,
      portal_app: args.appId,
      portal_product: product.id,
    },
    mtls_static_certificate_bindings: product.bindCertificateToToken ? [...args.certificateTykIds] : [],
  } as SessionState;
}
