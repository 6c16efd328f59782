import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { Db } from '../db/open-database.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import { enqueueForCertificates } from '../provisioning/convergence-queue.ts';
import { Err, Ok, type Result } from '../result.ts';
import { nameSchema, parseInput } from '../validation.ts';
import {
  CertificateDeletedError,
  CertificateNotSuspendedError,
  CertificateSuspendedError,
} from './certificate.errors.ts';
import * as repo from './certificate.repo.ts';
import type { Certificate } from './certificate.ts';
import { type CertificateContext, toCertificate } from './certificate-context.ts';

/*
 * Suspension pulls a certificate out of every grant at once (a compromised key, say) without
 * deleting it: the desired state (provisioning/desired-state.ts) counts a suspended certificate as
 * live for no grant, so convergence takes it off every allow list and key binding the portal placed
 * it on, and a grant with no other live certificate loses its key (CERTIFICATE_SUSPENDED). Nothing
 * re-provisions it meanwhile: re-provisioning, drift fixes and syncs all converge to the same
 * desired state. Resuming clears the mark and converges again, which restores exactly what the
 * grants had: the same entries, bindings, and the key under its request-derived id (same token).
 * The certificate stays in the Dashboard's store throughout.
 */

export type SuspensionError =
  | ForbiddenError
  | InvalidInputError
  | NotFoundError
  | CertificateDeletedError
  | CertificateSuspendedError
  | CertificateNotSuspendedError;

/** What a suspension or resumption changed: the certificate, and the granted requests it touched. */
export interface SuspensionResult {
  readonly certificate: Certificate;
  /** Granted (APPROVED or PROVISIONING) requests that provisioned it: each converges now. */
  readonly accessRequestIds: readonly string[];
}

// A reason people read later (audit, the TUI): the rules of a name, longer.
const suspendInput = z.object({ reason: nameSchema(2000, 'a reason is required') });

/** Suspends a certificate: admins only; a soft-deleted or already suspended one is refused. */
export async function suspendCertificate(
  ctx: CertificateContext,
  id: string,
  reason: string,
  actor: Actor,
): Promise<Result<SuspensionResult, SuspensionError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins suspend certificates.'));
  const parsed = parseInput(suspendInput, { reason });
  if (!parsed.ok) return parsed;
  return ctx.deps.db.transaction(async (tx): Promise<Result<SuspensionResult, SuspensionError>> => {
    const row = await repo.lockCertificate(tx, id);
    if (!row) return Err(new NotFoundError('certificate', id));
    if (row.deletedAt) return Err(new CertificateDeletedError(id));
    if (row.suspendedAt) return Err(new CertificateSuspendedError(id, row.suspendedAt));
    const now = ctx.now();
    return Ok(
      await mark(tx, ctx, row, { suspendedAt: now, suspendReason: parsed.value.reason }, actor, 'suspend'),
    );
  });
}

/** Resumes a suspended certificate (soft-deleted or not): admins only. */
export async function resumeCertificate(
  ctx: CertificateContext,
  id: string,
  actor: Actor,
): Promise<Result<SuspensionResult, SuspensionError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins resume certificates.'));
  return ctx.deps.db.transaction(async (tx): Promise<Result<SuspensionResult, SuspensionError>> => {
    const row = await repo.lockCertificate(tx, id);
    if (!row) return Err(new NotFoundError('certificate', id));
    if (!row.suspendedAt) return Err(new CertificateNotSuspendedError(id));
    return Ok(await mark(tx, ctx, row, { suspendedAt: null, suspendReason: null }, actor, 'resume'));
  });
}

/** Writes the mark, queues convergence of the grants using the certificate, and audits both. */
async function mark(
  tx: Db,
  ctx: CertificateContext,
  row: repo.CertificateRow,
  change: { suspendedAt: Date | null; suspendReason: string | null },
  actor: Actor,
  verb: 'suspend' | 'resume',
): Promise<SuspensionResult> {
  const updated = await repo.updateCertificate(tx, row.id, change);
  const accessRequestIds = await enqueueForCertificates(tx, [row.id]);
  await recordAudit(tx, actor, [
    {
      action: `certificate.${verb}`,
      subjectType: 'certificate',
      subjectId: row.id,
      before: { suspendedAt: row.suspendedAt, suspendReason: row.suspendReason },
      after: { ...change, accessRequestIds },
    },
  ]);
  return { certificate: toCertificate(updated, ctx.now()), accessRequestIds };
}
