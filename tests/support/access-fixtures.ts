import type { Actor, App, Core, Plan } from '@repo/core';
import { makeCertificate } from '@repo/core/testing';
import type { MockSeed } from '@repo/mock-dashboard';
import { ADMIN, BASE_SEED, type CoreHarness, DASHBOARD_KEY, ORG_ID } from './core-harness.ts';

export const PAYMENTS_API = 'b84fe1a04e5648927971c0557971565c';
export const LEDGER_API = 'd1dfc6a927a046c54c0ed470f19757cc';
export const REPORTS_API = '627efb71ebae49df7a853b9769b65fce';
export const JWT_SECRET = 'mock-jwt-secret';

const classic = (apiId: string, name: string, listenPath: string, auth: Record<string, unknown>) => ({
  api_definition: {
    id: `db${apiId.slice(0, 22)}`,
    api_id: apiId,
    org_id: ORG_ID,
    name,
    active: true,
    use_mutual_tls_auth: true,
    client_certificates: [],
    proxy: { listen_path: listenPath, target_url: 'http://upstream.internal', strip_listen_path: true },
    ...auth,
  },
});

/** Base orgs plus three mTLS APIs: Auth Token (classic and OAS) and JWT (HS256, secret `mock-jwt-secret`). */
export const ACCESS_SEED: MockSeed = {
  ...BASE_SEED,
  apis: [
    classic(PAYMENTS_API, 'Payments API', '/payments/', {
      use_standard_auth: true,
      auth_configs: { authToken: { auth_header_name: 'Authorization' } },
    }),
    classic(REPORTS_API, 'Reports API', '/reports/', {
      enable_jwt: true,
      jwt_signing_method: 'hmac',
      jwt_source: Buffer.from(JWT_SECRET).toString('base64'),
      jwt_identity_base_field: 'sub',
    }),
    {
      oas: {
        openapi: '3.0.3',
        info: { title: 'Ledger API', version: '1.0.0' },
        paths: {},
        components: {
          securitySchemes: { authToken: { type: 'apiKey', in: 'header', name: 'Authorization' } },
        },
        security: [{ authToken: [] }],
        'x-tyk-api-gateway': {
          info: { id: LEDGER_API, orgId: ORG_ID, name: 'Ledger API', state: { active: true } },
          upstream: { url: 'http://ledger.internal' },
          server: {
            listenPath: { value: '/ledger/', strip: true },
            authentication: { enabled: true, securitySchemes: { authToken: { enabled: true } } },
            clientCertificates: { enabled: true, allowlist: [] },
          },
        },
      },
    },
  ],
} as MockSeed;

export { DASHBOARD_KEY };

export interface Consumer {
  readonly organisationId: string;
  readonly actor: Actor;
  readonly app: App;
}

/** An organisation with one consumer and one app. */
export async function consumerOrganisation(core: Core, name: string): Promise<Consumer> {
  const org = await core.organisations.create(name, ADMIN);
  if (!org.ok) throw org.error;
  const user = await core.users.create(
    { role: 'CONSUMER', name: `${name} dev`, organisationId: org.value.id },
    ADMIN,
  );
  if (!user.ok) throw user.error;
  const actor: Actor = { kind: 'CONSUMER', userId: user.value.user.id, organisationId: org.value.id };
  const app = await core.apps.create({ name: `${name} app` }, actor);
  if (!app.ok) throw app.error;
  return { organisationId: org.value.id, actor, app: app.value };
}

export async function gold(core: Core): Promise<Plan> {
  const plan = await core.plans.create(
    { name: `gold-${Math.random().toString(36).slice(2, 7)}`, rate: 100, per: 60, keyLifetimeSeconds: 3600 },
    ADMIN,
  );
  if (!plan.ok) throw plan.error;
  return plan.value;
}

export function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw result.error;
  return result.value;
}

/** A consumer's Self-Serve request (binding on) for a product over the classic and the OAS API. */
export async function selfServeRequest(h: CoreHarness, certificateName = 'CN=acme self-serve') {
  const consumer = await consumerOrganisation(h.core, 'Acme');
  const product = must(
    await h.core.products.create(
      {
        providerId: h.provider.id,
        name: 'Payments',
        apiIds: [PAYMENTS_API, LEDGER_API],
        certificateMode: 'SELF_SERVE',
        bindCertificateToToken: true,
      },
      ADMIN,
    ),
  );
  const plan = await gold(h.core);
  const cert = await makeCertificate({ name: certificateName, freshKey: true });
  const request = must(
    await h.core.accessRequests.submit(
      { appId: consumer.app.id, productId: product.id, planId: plan.id, certificate: { pem: cert.pem } },
      consumer.actor,
    ),
  );
  return { consumer, product, plan, cert, request };
}

/** The Dashboard key an approval issued for a request (found by its meta data: its id is secret). */
export async function dashboardKeyOf(h: CoreHarness, accessRequestId: string): Promise<string> {
  const state = (await h.control('GET', '/_mock/state')) as {
    keys: { keyId: string; session: { meta_data?: Record<string, unknown> } }[];
  };
  const key = state.keys.find((k) => k.session.meta_data?.portal_access_request === accessRequestId);
  if (!key) throw new Error(`no Dashboard key for ${accessRequestId}`);
  return key.keyId;
}
