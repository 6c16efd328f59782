import { and, eq } from 'drizzle-orm';
import * as requests from '../access-requests/access-request.repo.ts';
import { systemActor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { AccessLossReason, ProvisioningStep } from '../db/schema/access-requests.ts';
import { certificateRotations } from '../db/schema/certificate-rotations.ts';
import { certificates } from '../db/schema/certificates.ts';
import { Ok, type Result } from '../result.ts';
import { reconcileAllowList } from './allow-list-reconciler.ts';
import { grantCertificates } from './desired-state.ts';
import { deleteKey, storeCredential, usesKeys, writeKey } from './key-reconciler.ts';
import { type ProvisionContext, StepFailure } from './provision-context.ts';

export { type ProvisionContext, StepFailure } from './provision-context.ts';

const actor = systemActor('provisioning');

/**
 * Runs every step of `PROVISIONING_STEPS` (db/schema/access-requests.ts), in order, for a
 * PROVISIONING request. Each step is idempotent (allow lists are reconciled to the desired state,
 * the key id is derived from the request, the credential is one per request), so a retry after a
 * failure at any step repeats none of its effects twice. Throws `StepFailure`.
 *
 * A grant whose every certificate is suspended is approved without access (`lost`): suspension is
 * temporary and an admin's, so the request must not end FAILED; resuming converges it to its key.
 */
export async function provisionRequest(ctx: ProvisionContext): Promise<{ lost: AccessLossReason | null }> {
  const mtls = ctx.product.authType === 'AUTH_TOKEN_MTLS';
  if (mtls) await step('RESOLVE_CERTIFICATES', () => resolveCertificates(ctx));
  if (mtls)
    await step('UPDATE_ALLOW_LISTS', async () => {
      for (const api of ctx.product.apis) {
        const reconciled = await reconcileAllowList(ctx.db, ctx.client, ctx.provider.id, api, ctx.now, {
          accessRequestId: ctx.request.id,
        });
        if (!reconciled.ok) return reconciled;
      }
      return Ok(undefined);
    });
  const bindings = mtls ? await liveBindings(ctx) : [];
  if (bindings === 'SUSPENDED') {
    if (usesKeys(ctx)) await step('CREATE_KEY', () => deleteKey(ctx, { revoke: false }));
    return { lost: 'CERTIFICATE_SUSPENDED' };
  }
  if (!usesKeys(ctx)) return { lost: null }; // JWT products: the token is the consumer's own JWT.
  const key = await step('CREATE_KEY', () => writeKey(ctx, bindings));
  await step('STORE_CREDENTIAL', async () => Ok(await storeCredential(ctx, key)));
  return { lost: null };
}

/**
 * Runs one step; its Dashboard Err, or anything it throws, fails the request at that step. The
 * runner is built on throwing `StepFailure` (refusals throw it from deep inside a step, and
 * `#provision` ends the request FAILED on it), so this is the one place in provisioning where a
 * Dashboard Err becomes a throw.
 */
async function step<T>(name: ProvisioningStep, run: () => Promise<Result<T, DashboardError>>): Promise<T> {
  let result: Result<T, DashboardError>;
  try {
    result = await run();
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    throw new StepFailure(name, error instanceof Error ? error.message : String(error));
  }
  if (!result.ok) throw new StepFailure(name, `${result.error.code}: ${result.error.message}`);
  return result.value;
}

/**
 * The grant's live certificates: what the key is bound to (all of them, when the product binds);
 * SUSPENDED when each is held back by a suspension alone.
 */
async function liveBindings(ctx: ProvisionContext): Promise<string[] | 'SUSPENDED'> {
  const certs = await grantCertificates(ctx.db, ctx.request.id, ctx.now);
  const live = certs.filter((c) => c.notLive === null).map((c) => c.tykId);
  if (live.length === 0 && certs.length > 0 && certs.every((c) => c.notLive === 'CERTIFICATE_SUSPENDED'))
    return 'SUSPENDED';
  if (live.length === 0)
    throw new StepFailure('RESOLVE_CERTIFICATES', 'None of the certificates is live any more.');
  return ctx.product.bindCertificateToToken ? live : [];
}

type Resolved = { id: string; tykId: string };

async function resolveCertificates(ctx: ProvisionContext): Promise<Result<void, DashboardError>> {
  const { db, request, product } = ctx;
  let certs: Resolved[];
  if (product.certificateMode === 'SELF_SERVE') {
    if (!request.certificateId)
      throw new StepFailure('RESOLVE_CERTIFICATES', 'The Self-Serve request has no certificate.');
    const registered = await registerSelfServe(ctx, request.certificateId);
    if (!registered.ok) return registered;
    certs = [registered.value];
    // During a rotation's overlap the grant holds the new certificate too (certificate-rotation.ts).
    const [overlap] = await db
      .select({ id: certificates.id, tykId: certificates.tykId })
      .from(certificateRotations)
      .innerJoin(certificates, eq(certificates.id, certificateRotations.toCertificateId))
      .where(
        and(
          eq(certificateRotations.fromCertificateId, request.certificateId),
          eq(certificateRotations.status, 'OVERLAP'),
        ),
      );
    if (overlap) certs.push(overlap);
  } else {
    certs = await requests.organisationCertificates(db, product.providerId, ctx.app.organisationId, ctx.now);
    if (certs.length === 0)
      throw new StepFailure(
        'RESOLVE_CERTIFICATES',
        "The organisation has no live certificate on this product's provider.",
      );
  }
  await requests.replaceProvisionedCertificates(
    db,
    request.id,
    certs.map((c) => c.id),
  );
  return Ok(undefined);
}

/** Registers the consumer's certificate with the Dashboard (if not yet); its PEM stays kept. */
async function registerSelfServe(
  ctx: ProvisionContext,
  certificateId: string,
): Promise<Result<Resolved, DashboardError>> {
  const [row] = await ctx.db.select().from(certificates).where(eq(certificates.id, certificateId));
  if (!row) throw new StepFailure('RESOLVE_CERTIFICATES', "The request's certificate no longer exists.");
  if (row.notAfter <= ctx.now)
    throw new StepFailure('RESOLVE_CERTIFICATES', "The request's certificate has expired.");
  if (row.registeredAt && !row.deletedAt) return Ok({ id: row.id, tykId: row.tykId });
  if (!row.pem)
    throw new StepFailure(
      'RESOLVE_CERTIFICATES',
      'The certificate is gone from the Dashboard and its PEM is not kept; ask for a new request.',
    );
  const added = await ctx.client.uploadCertificate(row.pem);
  if (!added.ok) return added;
  if (added.value.id !== row.tykId)
    throw new StepFailure(
      'RESOLVE_CERTIFICATES',
      `The Dashboard registered the certificate as ${added.value.id}, expected ${row.tykId}.`,
    );
  await ctx.db
    .update(certificates)
    .set({ registeredAt: ctx.now, deletedAt: null })
    .where(eq(certificates.id, row.id));
  await recordAudit(ctx.db, actor, [
    {
      action: 'certificate.register',
      subjectType: 'certificate',
      subjectId: row.id,
      after: { tykId: row.tykId, accessRequestId: ctx.request.id },
    },
  ]);
  return Ok({ id: row.id, tykId: row.tykId });
}
