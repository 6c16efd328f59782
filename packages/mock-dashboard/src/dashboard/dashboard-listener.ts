import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ControlContext } from '../control/control-context.ts';
import { controlRoutes } from '../control/control-routes.ts';
import { serveWithFaults } from '../faults/serve-with-faults.ts';
import { BodyTooLargeError, readBody } from '../http/read-body.ts';
import { dashboardMessage, jsonReply, NOT_FOUND, type Reply } from '../http/reply.ts';
import { writeReply } from '../http/write-reply.ts';
import type { DashboardContext } from './context.ts';
import { dashboardRoutes } from './dashboard-routes.ts';

export interface DashboardListenerOptions {
  readonly control: ControlContext;
  readonly adminKey: string;
}

/** The Dashboard listener: `/_mock/*` for testers (admin key, never faulted), `/api/*` for clients. */
export function createDashboardListener(options: DashboardListenerOptions): RequestListener {
  const { control, adminKey } = options;
  const ctx: DashboardContext = { store: control.store, now: control.now };
  const scope = {
    registry: control.faults,
    target: 'dashboard' as const,
    defaultErrorBody: () => ({ Status: 'Error', Message: 'Injected fault', Meta: null }),
  };
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const done = url.pathname.startsWith('/_mock/')
      ? answerControl(control, adminKey, req, url).then((reply) => writeReply(res, reply))
      : serveWithFaults(scope, req, res, url.pathname, () => answerDashboard(ctx, req, url));
    done.catch((error: unknown) => failed(res, error));
  };
}

async function answerDashboard(ctx: DashboardContext, req: IncomingMessage, url: URL): Promise<Reply> {
  const match = dashboardRoutes.match(req.method ?? 'GET', url.pathname);
  if (!match) return NOT_FOUND;
  const orgId = ctx.store.dashboardKeys.get(req.headers.authorization ?? '');
  if (orgId === undefined) return dashboardMessage(401, 'Not authorised');
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return dashboardMessage(413, error.message);
    throw error;
  }
  const request = {
    method: req.method ?? 'GET',
    url,
    headers: req.headers,
    body,
    params: match.params,
    orgId,
  };
  return match.handler(ctx, request);
}

async function answerControl(
  ctx: ControlContext,
  adminKey: string,
  req: IncomingMessage,
  url: URL,
): Promise<Reply> {
  if (req.headers['x-mock-admin-key'] !== adminKey) {
    return jsonReply(403, { status: 'error', message: 'Missing or wrong X-Mock-Admin-Key header' });
  }
  const match = controlRoutes.match(req.method ?? 'GET', url.pathname);
  if (!match) return NOT_FOUND;
  const text = (await readBody(req)).toString('utf8');
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return jsonReply(400, { status: 'error', message: 'Body is not JSON' });
  }
  return match.handler(ctx, body, match.params);
}

/** A bug in the mock: answer 500 in the Dashboard's envelope rather than hang the client. */
function failed(res: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeReply(res, dashboardMessage(500, `mock-dashboard internal error: ${message}`));
}
