import { paginate } from '../http/pagination.ts';
import { isRecord, parseJsonObject } from '../http/read-body.ts';
import { dashboardMessage, jsonReply } from '../http/reply.ts';
import { apiWrapper, replaceClassic } from '../state/apis.ts';
import type { StoredApi } from '../state/stored-api.ts';
import type { DashboardContext, DashboardHandler, DashboardRequest } from './context.ts';

/** The caller's API by internal id or `api_id`; another org's API is simply not found. */
export function ownedApi(ctx: DashboardContext, req: DashboardRequest): StoredApi | undefined {
  const api = ctx.store.findApi(req.params.id!);
  return api && api.definition.org_id === req.orgId ? api : undefined;
}

/** `GET /api/apis?p=&q=`: wrappers of classic and OAS APIs (`is_oas`), `q` matching the name. */
export const listApis: DashboardHandler = (ctx, req) => {
  const q = req.url.searchParams.get('q')?.toLowerCase();
  const apis = ctx.store.apisOf(req.orgId).filter(
    (api) =>
      !q ||
      String(api.definition.name ?? '')
        .toLowerCase()
        .includes(q),
  );
  const page = paginate(apis, req.url.searchParams.get('p'), ctx.store.pageSize);
  return jsonReply(200, { apis: page.items.map(apiWrapper), pages: page.pages });
};

/** `GET /api/apis/{apiId}`: the swagger documents 400 for an unknown id. */
export const getApi: DashboardHandler = (ctx, req) => {
  const api = ownedApi(ctx, req);
  return api ? jsonReply(200, apiWrapper(api)) : dashboardMessage(400, 'Could not retrieve API detail');
};

/**
 * `PUT /api/apis/{apiId}` with `{ api_definition: {...} }`: a full replace, last writer wins
 * (see `replaceClassic`). A body `id` naming another API is refused, as in Tyk.
 */
export const putApi: DashboardHandler = (ctx, req) => {
  const body = parseJsonObject(req.body);
  if (!body || !isRecord(body.api_definition)) return dashboardMessage(400, 'Request body malformed');
  const api = ownedApi(ctx, req);
  if (!api) return dashboardMessage(404, 'API definition does not exist');
  const bodyId = body.api_definition.id;
  if (bodyId !== undefined && bodyId !== '' && bodyId !== api.dbId)
    return dashboardMessage(400, 'Invalid `ID` value');
  replaceClassic(ctx.store, api, body.api_definition, ctx.now());
  return dashboardMessage(200, 'API updated');
};
