import * as requests from '../access-requests/access-request.repo.ts';
import type { AccessRequest } from '../access-requests/access-request.ts';
import { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import type { Db } from '../db/open-database.ts';
import type { Product, ProductApi } from '../products/product.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { keyIdFor } from './key-session.ts';

/** One way the Dashboard no longer matches what an approval provisioned. */
export interface DriftFinding {
  readonly accessRequestId: string;
  readonly kind: 'MISSING_FROM_ALLOW_LIST' | 'KEY_MISSING' | 'BINDING_MISSING' | 'BINDING_EXTRA';
  /** Set for allow-list findings. */
  readonly apiId: string | null;
  /** Tyk certificate ids concerned. */
  readonly certificateIds: readonly string[];
}

/**
 * Compares approved Auth Token + mTLS access with the Dashboard: every provisioned certificate must
 * still be on each API's allow list, the key must exist and, when the product binds, carry exactly
 * the provisioned bindings. Each API is read once however many requests share it.
 */
export async function findDrift(
  db: Db,
  secrets: SecretBox,
  client: DashboardClient,
  approved: readonly { request: AccessRequest; product: Product }[],
): Promise<DriftFinding[]> {
  const allowLists = new Map<string, Set<string>>();
  const findings: DriftFinding[] = [];
  for (const { request, product } of approved) {
    const expected = (await requests.provisionedCertificates(db, request.id)).map((c) => c.tykId);
    for (const api of product.apis) {
      const list = await allowListOf(client, api, allowLists);
      const missing = expected.filter((id) => !list.has(id));
      if (missing.length > 0)
        findings.push({
          accessRequestId: request.id,
          kind: 'MISSING_FROM_ALLOW_LIST',
          apiId: api.apiId,
          certificateIds: missing,
        });
    }
    const bindings = await keyBindings(client, secrets, request.id);
    if (bindings === undefined) {
      findings.push({ accessRequestId: request.id, kind: 'KEY_MISSING', apiId: null, certificateIds: [] });
      continue;
    }
    const wanted = product.bindCertificateToToken ? expected : [];
    const missing = wanted.filter((id) => !bindings.includes(id));
    const extra = bindings.filter((id) => !wanted.includes(id));
    if (missing.length > 0)
      findings.push({
        accessRequestId: request.id,
        kind: 'BINDING_MISSING',
        apiId: null,
        certificateIds: missing,
      });
    if (extra.length > 0)
      findings.push({
        accessRequestId: request.id,
        kind: 'BINDING_EXTRA',
        apiId: null,
        certificateIds: extra,
      });
  }
  return findings;
}

async function allowListOf(
  client: DashboardClient,
  api: ProductApi,
  cache: Map<string, Set<string>>,
): Promise<Set<string>> {
  const cached = cache.get(api.apiId);
  if (cached) return cached;
  const ids =
    api.apiKind === 'OAS'
      ? ((await client.getOasApi(api.apiId))['x-tyk-api-gateway'].server.clientCertificates?.allowlist ?? [])
      : ((await client.getApi(api.apiId)).api_definition.client_certificates ?? []);
  const set = new Set(ids);
  cache.set(api.apiId, set);
  return set;
}

/** The key's bindings, or undefined when the key is gone. */
async function keyBindings(
  client: DashboardClient,
  secrets: SecretBox,
  accessRequestId: string,
): Promise<string[] | undefined> {
  try {
    return (
      (await client.getKey(keyIdFor(secrets, accessRequestId))).data.mtls_static_certificate_bindings ?? []
    );
  } catch (error) {
    if (error instanceof DashboardError && error.code === 'DASHBOARD_NOT_FOUND') return undefined;
    throw error;
  }
}
