import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { enqueueForCertificates } from '../provisioning/convergence-queue.ts';
import { Err, Ok, type Result } from '../result.ts';
import { CertificateDeletedError, CertificateInUseError } from './certificate.errors.ts';
import * as repo from './certificate.repo.ts';
import { type Certificate, certificateAuditView } from './certificate.ts';
import { type CertificateContext, toCertificate } from './certificate-context.ts';
import { apisUsing, type CertificateUsage } from './certificate-usage.ts';

export type DeleteError =
  | ForbiddenError
  | NotFoundError
  | CertificateDeletedError
  | CertificateInUseError
  | DashboardError;

/**
 * Deletes from the Dashboard, then soft-deletes here (name and organisations kept, so the row comes
 * back whole if the certificate is registered again). Refused while APIs or live credentials use it,
 * unless `force`; a forced delete records what it broke, as far as it could be read.
 */
export async function deleteCertificate(
  ctx: CertificateContext,
  id: string,
  options: { readonly force?: boolean },
  actor: Actor,
): Promise<Result<Certificate, DeleteError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins delete certificates.'));
  const row = await repo.findCertificate(ctx.deps.db, id);
  if (!row) return Err(new NotFoundError('certificate', id));
  if (row.deletedAt) return Err(new CertificateDeletedError(id));
  const client = await ctx.providers.client(row.providerId);
  if (!client) throw new Error(`Certificate ${id} refers to a missing provider.`);
  const usage = await usageOf(ctx, client, row);
  if (!usage.ok && !options.force) return usage;
  const inUse = usage.ok && (usage.value.apis.length > 0 || usage.value.credentials.length > 0);
  if (inUse && !options.force) return Err(new CertificateInUseError(id, usage.value));
  if (row.registeredAt) {
    const removed = await removeFromDashboard(client, row.tykId);
    if (!removed.ok) return removed;
  }
  return Ok(
    await softDelete(ctx, row, actor, {
      forced: options.force === true,
      brokeUsage: inUse ? usage.value : null,
    }),
  );
}

async function softDelete(
  ctx: CertificateContext,
  row: repo.CertificateRow,
  actor: Actor,
  how: { forced: boolean; brokeUsage: CertificateUsage | null },
): Promise<Certificate> {
  const now = ctx.now();
  const deleted = await ctx.deps.db.transaction(async (tx) => {
    const updated = await repo.updateCertificate(tx, row.id, { deletedAt: now });
    // Grants that used it lose it: off every allow list and binding the portal placed it on.
    await enqueueForCertificates(tx, [row.id]);
    await recordAudit(tx, actor, [
      {
        action: 'certificate.delete',
        subjectType: 'certificate',
        subjectId: row.id,
        before: certificateAuditView(row),
        after: { ...certificateAuditView(updated), ...how },
      },
    ]);
    return updated;
  });
  return toCertificate(deleted, now);
}

/**
 * APIs from the Dashboard, credentials from the portal (with a `scope`, only that organisation's).
 * A Dashboard failure is the Err value.
 */
export async function usageOf(
  ctx: CertificateContext,
  client: DashboardClient,
  row: Pick<repo.CertificateRow, 'id' | 'tykId'>,
  scope?: string,
): Promise<Result<CertificateUsage, DashboardError>> {
  const [apis, credentials] = await Promise.all([
    apisUsing(client, row.tykId),
    repo.credentialsUsing(ctx.deps.db, row.id, scope),
  ]);
  return apis.ok ? Ok({ ...apis.value, credentials }) : apis;
}

/** A 404 means the Dashboard no longer has it (deleted there, sync not yet run): the goal is reached. */
async function removeFromDashboard(
  client: DashboardClient,
  tykId: string,
): Promise<Result<void, DashboardError>> {
  const deleted = await client.deleteCertificate(tykId);
  return deleted.ok || deleted.error.code === 'DASHBOARD_NOT_FOUND' ? Ok(undefined) : deleted;
}
