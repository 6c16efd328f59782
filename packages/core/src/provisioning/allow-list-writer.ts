import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import { withAdvisoryLock } from '../db/advisory-lock.ts';
import type { Db } from '../db/open-database.ts';
import type { ProductApi } from '../products/product.ts';

const LOCK_WAIT_MS = 30_000;

/**
 * Adds (and removes) certificate ids on one API's static allow list. The Dashboard only offers
 * read-modify-write of the whole definition, so two writers would lose one another's entry: every
 * writer of an API, in any replica, takes the API's advisory lock around its GET and PUT. Ids
 * already present are not added twice; no PUT is sent when nothing changes.
 * Returns the ids actually added and removed.
 */
export async function updateAllowList(
  db: Db,
  client: DashboardClient,
  providerId: string,
  api: ProductApi,
  change: { add: readonly string[]; remove?: readonly string[] },
): Promise<{ added: string[]; removed: string[] }> {
  return withApiLock(db, `allow-list:${providerId}:${api.apiId}`, async () => {
    if (api.apiKind === 'OAS') {
      const doc = await client.getOasApi(api.apiId);
      const server = doc['x-tyk-api-gateway'].server;
      const current = server.clientCertificates?.allowlist ?? [];
      const next = merge(current, change);
      if (next.added.length + next.removed.length === 0) return next;
      server.clientCertificates = {
        ...server.clientCertificates,
        enabled: server.clientCertificates?.enabled ?? true,
        allowlist: next.list,
      };
      await client.updateOasApi(api.apiId, doc);
      return next;
    }
    const wrapper = await client.getApi(api.apiId);
    const next = merge(wrapper.api_definition.client_certificates ?? [], change);
    if (next.added.length + next.removed.length === 0) return next;
    wrapper.api_definition.client_certificates = next.list;
    await client.updateApi(api.apiId, wrapper);
    return next;
  });
}

function merge(current: readonly string[], change: { add: readonly string[]; remove?: readonly string[] }) {
  const removeSet = new Set(change.remove ?? []);
  const kept = current.filter((id) => !removeSet.has(id));
  const present = new Set(kept);
  const added = [...new Set(change.add)].filter((id) => !present.has(id));
  return { list: [...kept, ...added], added, removed: current.filter((id) => removeSet.has(id)) };
}

async function withApiLock<T>(db: Db, key: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const result = await withAdvisoryLock(db, key, () => fn());
    if (result.acquired) return result.value;
    if (Date.now() > deadline)
      throw new Error(`The allow-list lock ${key} stayed taken for ${LOCK_WAIT_MS} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 25));
  }
}
