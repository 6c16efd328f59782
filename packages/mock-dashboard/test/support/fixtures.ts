import type { MockSeed } from '../../src/index.ts';

export const ORG = '5e9d9544a1dcd60001d0ed20';
export const OTHER_ORG = '664a14650619d40001f1f00f';
export const KEY = 'dashboard-key';
export const OTHER_KEY = 'other-org-key';
export const API_ID = 'b84fe1a04e5648927971c0557971565c';
export const DB_ID = '663a4ed9b6be920001b191ae';
export const OAS_API_ID = 'd1dfc6a927a046c54c0ed470f19757cc';
export const OAS_DB_ID = '663a4ed9b6be920001b191b0';

/** A classic Auth Token + static mTLS API. */
export function classicApi(overrides: Record<string, unknown> = {}) {
  return {
    api_definition: {
      id: DB_ID,
      api_id: API_ID,
      org_id: ORG,
      name: 'Payments API',
      active: true,
      use_standard_auth: true,
      use_mutual_tls_auth: true,
      client_certificates: [] as string[],
      proxy: { listen_path: '/payments/', target_url: 'http://upstream.invalid' },
      ...overrides,
    },
  };
}

export function oasApi(allowlist: string[] = []) {
  return {
    oas: {
      openapi: '3.0.3',
      info: { title: 'Ledger API', version: '1.0.0' },
      paths: {},
      components: { securitySchemes: { authToken: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
      security: [{ authToken: [] }],
      'x-tyk-api-gateway': {
        info: { id: OAS_API_ID, dbId: OAS_DB_ID, orgId: ORG, name: 'Ledger API', state: { active: true } },
        upstream: { url: 'http://upstream.invalid' },
        server: {
          listenPath: { value: '/ledger/', strip: true },
          authentication: { enabled: true, securitySchemes: { authToken: { enabled: true } } },
          clientCertificates: { enabled: true, allowlist },
        },
      },
    },
  };
}

/** Two orgs, one Dashboard key each, no APIs or certificates. */
export function baseSeed(extra: Partial<MockSeed> = {}): MockSeed {
  return {
    orgs: [
      { id: ORG, apiKeys: [KEY] },
      { id: OTHER_ORG, apiKeys: [OTHER_KEY] },
    ],
    ...extra,
  };
}
