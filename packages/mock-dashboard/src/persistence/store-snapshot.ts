import type { MockSeed } from '../control/seed-schema.ts';
import type { MockStore } from '../state/store.ts';

type ApiSeed = NonNullable<MockSeed['apis']>[number];
type KeySeed = NonNullable<MockSeed['keys']>[number];

/**
 * The whole store as a seed: loading it with `applySeed` rebuilds the same certificates (their
 * ids follow from org and content), APIs (with their ids and `dbId`s), keys (with their tokens,
 * so their hashes) and Dashboard API keys. Faults are not state and are not kept.
 */
export function storeSnapshot(store: MockStore): MockSeed {
  const apiKeysOf = (orgId: string) =>
    [...store.dashboardKeys.entries()].filter(([, org]) => org === orgId).map(([key]) => key);
  return {
    settings: { pageSize: store.pageSize },
    orgs: [...store.orgs].map((id) => ({ id, apiKeys: apiKeysOf(id) })),
    certificates: [...store.certificates.values()].map((c) => ({ orgId: c.orgId, pem: c.pem })),
    // The casts narrow JsonObject to the seed's shape: every stored definition and session got
    // into the store through that same schema (seed, or the Dashboard routes' validation).
    apis: [...store.apis.values()].map((api) => {
      const times = { created_at: api.createdAt, updated_at: api.updatedAt };
      return (api.oas ? { oas: api.oas, ...times } : { api_definition: api.definition, ...times }) as ApiSeed;
    }),
    keys: [...store.keys.values()].map((k) => ({ keyId: k.keyId, session: k.session }) as KeySeed),
  };
}
