import type { MockSeed } from '@repo/mock-dashboard';
import defaultSeed from '@repo/mock-dashboard/seeds/default.json' with { type: 'json' };
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
 * the three mTLS APIs of the mock's own default seed (packages/mock-dashboard/seeds/default.json:
 * Auth Token + mTLS classic, JWT + mTLS classic, Auth Token + mTLS OAS), each allow-listing one
 * demo certificate.
 */
export function demoSeed(certificates: readonly DemoCertificate[]): MockSeed {
  const byName = (name: string) => certificates.find((c) => c.name === name);
  // The JSON's own type is looser than the seed's; the mock validates a seed when it loads it.
  const [payments, reports, ledger] = defaultSeed.apis as ApiSeed[];
  return {
    orgs: [{ id: DEMO_ORG_ID, apiKeys: [DEMO_DASHBOARD_KEY] }],
    certificates: certificates.map((c) => ({ orgId: DEMO_ORG_ID, pem: c.pem })),
    apis: [
      withAllowList(payments!, tykId(byName('acme-payments-client'))),
      withAllowList(reports!, tykId(byName('acme-reports-client'))),
      withAllowList(ledger!, tykId(byName('globex-ledger-client'))),
    ],
  };
}

type ApiSeed = NonNullable<MockSeed['apis']>[number];

/** The API with this static allow list, classic (`client_certificates`) or OAS (`clientCertificates`). */
function withAllowList(api: ApiSeed, allowList: string[]): ApiSeed {
  if ('api_definition' in api)
    return { ...api, api_definition: { ...api.api_definition, client_certificates: allowList } };
  const gateway = api.oas['x-tyk-api-gateway'];
  const server = { ...gateway.server, clientCertificates: { enabled: true, allowlist: allowList } };
  return { ...api, oas: { ...api.oas, 'x-tyk-api-gateway': { ...gateway, server } } };
}
