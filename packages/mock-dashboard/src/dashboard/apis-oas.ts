import { parseJsonObject } from '../http/read-body.ts';
import { dashboardMessage, jsonReply } from '../http/reply.ts';
import { hasTykExtension } from '../oas/oas-mapping.ts';
import { replaceOas } from '../state/apis.ts';
import { ownedApi } from './apis-classic.ts';
import type { DashboardHandler } from './context.ts';

// The text for an unknown (or classic) API on the OAS endpoints is not documented [infer].
const NOT_FOUND = 'API not found';

/** `GET /api/apis/oas/{apiId}`: the raw OAS document, not wrapped. */
export const getOasApi: DashboardHandler = (ctx, req) => {
  const api = ownedApi(ctx, req);
  return api?.oas ? jsonReply(200, api.oas) : dashboardMessage(404, NOT_FOUND);
};

/** `PUT /api/apis/oas/{apiId}`: replaces the whole document; it must carry `x-tyk-api-gateway`. */
export const putOasApi: DashboardHandler = (ctx, req) => {
  const doc = parseJsonObject(req.body);
  if (!doc) return dashboardMessage(400, 'Request body malformed');
  if (!hasTykExtension(doc)) return dashboardMessage(400, 'The payload should contain x-tyk-api-gateway.');
  const api = ownedApi(ctx, req);
  if (!api?.oas) return dashboardMessage(404, NOT_FOUND);
  replaceOas(ctx.store, api, doc, ctx.now());
  return dashboardMessage(200, 'API updated.');
};
