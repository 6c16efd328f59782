import { getString } from '../oas/json-path.ts';
import { applyClassicToOas, classicFromOas, pinOasIdentity } from '../oas/oas-mapping.ts';
import { apiId, objectId } from '../tokens/tokens.ts';
import type { MockStore } from './store.ts';
import type { JsonObject, StoredApi } from './stored-api.ts';

/** When an API was created and last written: now, unless a seed (a kept state) says otherwise. */
export interface ApiTimes {
  readonly created_at?: string | undefined;
  readonly updated_at?: string | undefined;
}

/** Adds a classic API; `id` and `api_id` are generated when the definition has none. */
export function addClassicApi(
  store: MockStore,
  definition: JsonObject,
  now: Date,
  times: ApiTimes = {},
): StoredApi {
  const dbId = getString(definition, ['id']) || objectId();
  const api: StoredApi = {
    dbId,
    definition: {
      ...definition,
      id: dbId,
      api_id: getString(definition, ['api_id']) || apiId(),
      is_oas: false,
    },
    oas: undefined,
    createdAt: times.created_at ?? now.toISOString(),
    updatedAt: times.updated_at ?? now.toISOString(),
    revision: 1,
  };
  store.putApi(api);
  return api;
}

/** Adds an OAS API; its classic view is derived from `x-tyk-api-gateway`. */
export function addOasApi(store: MockStore, oas: JsonObject, now: Date, times: ApiTimes = {}): StoredApi {
  const dbId = getString(oas, ['x-tyk-api-gateway', 'info', 'dbId']) || objectId();
  const ids = {
    dbId,
    apiId: getString(oas, ['x-tyk-api-gateway', 'info', 'id']) || apiId(),
    orgId: getString(oas, ['x-tyk-api-gateway', 'info', 'orgId']) ?? '',
  };
  const doc = pinOasIdentity(oas, ids);
  const api: StoredApi = {
    dbId,
    definition: classicFromOas(doc),
    oas: doc,
    createdAt: times.created_at ?? now.toISOString(),
    updatedAt: times.updated_at ?? now.toISOString(),
    revision: 1,
  };
  store.putApi(api);
  return api;
}

/**
 * `PUT /api/apis/{id}`: the body REPLACES the definition. Two clients that read, modify and
 * write at once lose one update, exactly as with Tyk; the portal has to serialise its writes.
 * Only the internal id and the org are pinned (the caller cannot move an API to another org).
 */
export function replaceClassic(store: MockStore, api: StoredApi, definition: JsonObject, now: Date): void {
  const orgId = api.definition.org_id;
  const next: JsonObject = {
    ...definition,
    id: api.dbId,
    org_id: orgId,
    api_id: getString(definition, ['api_id']) || api.definition.api_id,
    is_oas: api.oas !== undefined,
  };
  api.definition = next;
  if (api.oas) api.oas = applyClassicToOas(api.oas, next);
  touch(store, api, now);
}

/** `PUT /api/apis/oas/{id}`: replaces the whole OAS document, identity fields pinned. */
export function replaceOas(store: MockStore, api: StoredApi, doc: JsonObject, now: Date): void {
  const ids = {
    dbId: api.dbId,
    apiId: String(api.definition.api_id ?? ''),
    orgId: String(api.definition.org_id ?? ''),
  };
  api.oas = pinOasIdentity(doc, ids);
  api.definition = classicFromOas(api.oas, { org_id: ids.orgId });
  touch(store, api, now);
}

function touch(store: MockStore, api: StoredApi, now: Date): void {
  api.updatedAt = now.toISOString();
  api.revision++;
  store.putApi(api);
}

/** The Dashboard's API wrapper, schema `ApiDefinitionWrapper` of Tyk's Dashboard API (OpenAPI). */
export function apiWrapper(api: StoredApi): JsonObject {
  return {
    api_definition: api.definition,
    hook_references: [],
    is_site: false,
    sort_by: 0,
    user_group_owners: [],
    user_owners: [],
    categories: [],
    ...(api.oas ? { oas: api.oas } : {}),
    created_at: api.createdAt,
    updated_at: api.updatedAt,
  };
}
