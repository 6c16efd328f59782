import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import { ACCESS_LOSS_REASONS, type AccessLossReason } from '../db/schema/access-requests.ts';
import { Ok, type Result } from '../result.ts';
import { reconcileAllowList } from './allow-list-reconciler.ts';
import { grantCertificates } from './desired-state.ts';
import { deleteKey, storeCredential, usesKeys, writeKey } from './key-reconciler.ts';
import type { ProvisionContext } from './provision-context.ts';

/** What converging a decided request found: for an APPROVED one, whether it has access now. */
export interface Convergence {
  /** Null when the grant has access (or is not APPROVED); otherwise why it lost it. */
  readonly lost: AccessLossReason | null;
}

/**
 * Brings the Dashboard to a decided request's desired state (README.md "Access lifecycle"): its
 * product's allow lists reconciled, and its key written with the live certificates as bindings
 * while the grant is APPROVED with a live certificate, deleted otherwise. A REVOKED, REJECTED or
 * FAILED request holds no key and no entry. A Dashboard failure is the Err (the job retries).
 */
export async function convergeRequest(ctx: ProvisionContext): Promise<Result<Convergence, DashboardError>> {
  const mtls = ctx.product.authType === 'AUTH_TOKEN_MTLS';
  const granted = ctx.request.status === 'APPROVED';
  if (mtls)
    for (const api of ctx.product.apis) {
      const reconciled = await reconcileAllowList(ctx.db, ctx.client, ctx.provider.id, api, ctx.now, {
        accessRequestId: ctx.request.id,
      });
      if (!reconciled.ok) return reconciled;
    }
  const certs = mtls ? await grantCertificates(ctx.db, ctx.request.id, ctx.now) : [];
  const live = certs.filter((c) => c.notLive === null).map((c) => c.tykId);
  const lost = granted && mtls && live.length === 0 ? lossReason(certs.map((c) => c.notLive)) : null;
  if (usesKeys(ctx)) {
    if (granted && lost === null) {
      const key = await writeKey(ctx, ctx.product.bindCertificateToToken ? live : []);
      if (!key.ok) return key;
      await storeCredential(ctx, key.value);
    } else {
      const deleted = await deleteKey(ctx, { revoke: !granted });
      if (!deleted.ok) return deleted;
    }
  }
  return Ok({ lost });
}

/** The reason first in ACCESS_LOSS_REASONS' order among the certificates', whatever their order. */
function lossReason(reasons: readonly (AccessLossReason | null)[]): AccessLossReason {
  return ACCESS_LOSS_REASONS.find((r) => reasons.includes(r)) ?? 'CERTIFICATE_DELETED';
}
