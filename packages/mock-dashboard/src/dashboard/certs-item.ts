import { paginate } from '../http/pagination.ts';
import { dashboardMessage, jsonReply, type Reply } from '../http/reply.ts';
import { classicView } from '../oas/classic-view.ts';
import type { StoredCertificate } from '../state/stored-certificate.ts';
import { certificateMeta } from './certificate-shapes.ts';
import type { DashboardContext, DashboardHandler, DashboardRequest } from './context.ts';

const NON_OWNED = 'Attempted access to non-owned certificate.';

/**
 * Ownership first, then existence: a certificate id carries its org as a prefix, so the
 * Dashboard can refuse another org's id without looking it up.
 */
function owned(
  ctx: DashboardContext,
  req: DashboardRequest,
  missing: Reply,
): { certificate: StoredCertificate } | { reply: Reply } {
  const id = req.params.id!;
  if (!id.startsWith(req.orgId)) return { reply: dashboardMessage(400, NON_OWNED) };
  const certificate = ctx.store.certificates.get(id);
  return certificate ? { certificate } : { reply: missing };
}

export const getCertificate: DashboardHandler = (ctx, req) => {
  const missing = dashboardMessage(
    404,
    'Could not retrieve certificate details. Certificate with given SHA256 fingerprint not found.',
  );
  const found = owned(ctx, req, missing);
  return 'reply' in found ? found.reply : jsonReply(200, certificateMeta(found.certificate));
};

/**
 * `DELETE /api/certs/{id}`. The success body is a swagger placeholder `{status, message}`; the
 * Gateway's `{"status":"ok","message":"removed"}` is used [infer]. Allow lists and key
 * bindings that name the id are left as they are, as in Tyk (the gateway then skips the id).
 */
export const deleteCertificate: DashboardHandler = (ctx, req) => {
  const found = owned(ctx, req, dashboardMessage(404, 'Could not delete certificate.'));
  if ('reply' in found) return found.reply;
  ctx.store.deleteCertificate(found.certificate.id);
  return jsonReply(200, { status: 'ok', message: 'removed' });
};

/** `GET /api/certs/{id}/apis` (Dashboard 5.11+): the org's APIs that use the certificate, and how. */
export const certificateApis: DashboardHandler = (ctx, req) => {
  const id = req.params.id!;
  if (!id.startsWith(req.orgId) || !ctx.store.certificates.has(id)) {
    return dashboardMessage(404, 'Certificate not found or access denied');
  }
  const rows = ctx.store.apisOf(req.orgId).flatMap((api) => {
    const view = classicView(api.definition);
    const usage = [
      ...(view.client_certificates.includes(id) ? ['client'] : []),
      ...(Object.values(view.upstream_certificates).includes(id) ? ['upstream'] : []),
      ...(view.certificates.includes(id) ? ['server'] : []),
    ];
    if (usage.length === 0) return [];
    const type = api.oas ? 'Tyk OAS' : 'Tyk Classic';
    return [{ api_id: view.api_id, name: view.name, usage_type: usage, tyk_api_type: type }];
  });
  const page = paginate(rows, req.url.searchParams.get('p'), ctx.store.pageSize);
  return jsonReply(200, { cert_id: id, pages: page.pages, apis: page.items });
};
