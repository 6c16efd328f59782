import type { MockSeed } from '@repo/mock-dashboard';
import type { DemoCertificate } from './demo-certificates.ts';

/** The demo Dashboard's org and its API key (a local mock: the key is no secret). */
export const DEMO_ORG_ID = '5e9d9544a1dcd60001d0ed20';
export const DEMO_DASHBOARD_KEY = 'mock-dashboard-key';

/** The `api_id`s of the demo APIs, for the demo's products. */
export const DEMO_APIS = {
  payments: 'b84fe1a04e5648927971c0557971565c',
  reports: '627efb71ebae49df7a853b9769b65fce',
  ledger: 'd1dfc6a927a046c54c0ed470f19757cc',
} as const;

const tykId = (cert: DemoCertificate | undefined) => (cert ? [DEMO_ORG_ID + cert.sha256] : []);

/**
 * The mock Dashboard's start-up state for `pnpm start`: the demo certificates in the store and
 * the three kinds of mTLS API of packages/mock-dashboard/seeds/default.json (Auth Token + mTLS
 * classic, JWT + mTLS classic, Auth Token + mTLS OAS), each allow-listing one demo certificate.
 */
export function demoSeed(certificates: readonly DemoCertificate[]): MockSeed {
  const byName = (name: string) => certificates.find((c) => c.name === name);
  return {
    orgs: [{ id: DEMO_ORG_ID, apiKeys: [DEMO_DASHBOARD_KEY] }],
    certificates: certificates.map((c) => ({ orgId: DEMO_ORG_ID, pem: c.pem })),
    apis: [
      {
        api_definition: {
          api_id: DEMO_APIS.payments,
          org_id: DEMO_ORG_ID,
          name: 'Payments API',
          active: true,
          use_standard_auth: true,
          use_mutual_tls_auth: true,
          client_certificates: tykId(byName('acme-payments-client')),
          auth_configs: { authToken: { auth_header_name: 'Authorization' } },
          proxy: {
            listen_path: '/payments/',
            target_url: 'http://payments.internal',
            strip_listen_path: true,
          },
        },
      },
      {
        api_definition: {
          api_id: DEMO_APIS.reports,
          org_id: DEMO_ORG_ID,
          name: 'Reports API (JWT + mTLS)',
          active: true,
          enable_jwt: true,
          jwt_signing_method: 'hmac',
          jwt_source: Buffer.from('mock-jwt-secret').toString('base64'),
          jwt_identity_base_field: 'sub',
          use_mutual_tls_auth: true,
          client_certificates: tykId(byName('acme-reports-client')),
          proxy: { listen_path: '/reports/', target_url: 'http://reports.internal', strip_listen_path: true },
        },
      },
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
            info: {
              id: DEMO_APIS.ledger,
              orgId: DEMO_ORG_ID,
              name: 'Ledger API',
              state: { active: true },
            },
            upstream: { url: 'http://ledger.internal' },
            server: {
              listenPath: { value: '/ledger/', strip: true },
              authentication: { enabled: true, securitySchemes: { authToken: { enabled: true } } },
              clientCertificates: { enabled: true, allowlist: tykId(byName('globex-ledger-client')) },
            },
          },
        },
      },
    ],
  };
}
