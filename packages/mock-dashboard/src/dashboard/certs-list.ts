import { paginate } from '../http/pagination.ts';
import { jsonReply } from '../http/reply.ts';
import type { StoredCertificate } from '../state/stored-certificate.ts';
import { certificateBasics, certificateMeta } from './certificate-shapes.ts';
import type { DashboardHandler, DashboardRequest } from './context.ts';

/**
 * `filter=with_pk|without_pk` keeps certificates with or without a private key; `omit` or
 * anything else keeps all. Honoured in both modes, as since Dashboard 5.11.0.
 */
function filtered(certificates: StoredCertificate[], req: DashboardRequest): StoredCertificate[] {
  const filter = req.url.searchParams.get('filter');
  if (filter === 'with_pk') return certificates.filter((c) => c.hasPrivate);
  if (filter === 'without_pk') return certificates.filter((c) => !c.hasPrivate);
  return certificates;
}

/** `GET /api/certs`: ids, or `cert_basics` rows with `mode=detailed` (not `certs`: a Dashboard quirk). */
export const listCertificates: DashboardHandler = (ctx, req) => {
  const all = filtered(ctx.store.certificatesOf(req.orgId), req);
  const page = paginate(all, req.url.searchParams.get('p'), ctx.store.pageSize);
  if (req.url.searchParams.get('mode') === 'detailed') {
    return jsonReply(200, { cert_basics: page.items.map(certificateBasics), pages: page.pages });
  }
  return jsonReply(200, { certs: page.items.map((c) => c.id), pages: page.pages });
};

/** `GET /api/certs/details`: full `CertificateMeta` rows, paged. */
export const listCertificateDetails: DashboardHandler = (ctx, req) => {
  const page = paginate(
    ctx.store.certificatesOf(req.orgId),
    req.url.searchParams.get('p'),
    ctx.store.pageSize,
  );
  return jsonReply(200, { certificates: page.items.map(certificateMeta), pages: page.pages });
};
