import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { Db } from '../db/open-database.ts';
import { isUniqueViolation } from '../db/pg-error.ts';
import { accessRequestCertificates, accessRequests } from '../db/schema/access-requests.ts';
import { apps } from '../db/schema/apps.ts';
import { certificateRotations, type RotationStatus } from '../db/schema/certificate-rotations.ts';
import { certificateOrganisations } from '../db/schema/certificates.ts';
import { productApis, products } from '../db/schema/products.ts';
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import { enqueueJobs } from '../jobs/job-queue.ts';
import { requestJob } from '../provisioning/convergence-queue.ts';
import { grantsCertificates, grantsUsing } from '../provisioning/desired-state.ts';
import { Err, Ok, type Result } from '../result.ts';
import { CertificateDeletedError, CertificateNotAssociatedError } from './certificate.errors.ts';
import * as repo from './certificate.repo.ts';
import type { CertificateContext } from './certificate-context.ts';
import { validateUpload } from './certificate-inspect.ts';
import { leafPem } from './certificate-record.ts';
import { type UploadError, uploadCertificate } from './certificate-upload.ts';

/*
 * Guided rotation with an overlap (RFC 8705's rotation problem; Tyk's bindings "allow several
 * entries to support rotation"). Start adds `to` to every grant that has `from`, so the desired
 * state (provisioning/desired-state.ts) allow-lists and binds both and the Gateway admits either
 * with the same token; complete takes `from` out of those grants and retires it from the
 * organisations it served (so a Managed re-provision does not bring it back); cancel takes `to`
 * out again. Each step is one transaction that queues the grants' convergence jobs, so a rotation
 * survives restarts and Dashboard faults exactly as provisioning does, and each step reports, per
 * grant, the APIs and key it touches and the certificates there before and after.
 *
 * Who may start one follows the product's certificate mode: a Managed certificate is the admin's
 * (the organisation's certificates are associated by admins), so only admins rotate it, at once. A
 * Self-Serve certificate is the consumer's: its organisation may ask to rotate it with a new PEM,
 * and the rotation waits REQUESTED (the PEM checked and kept, in no store) until an admin approves
 * it, as the access request that brought the certificate waited; approval starts the overlap.
 */

/** A rotation in OVERLAP already replaces this certificate. */
export class CertificateRotationActiveError extends DomainError {
  readonly code = 'CERTIFICATE_ROTATION_ACTIVE' as const;
  constructor(fromId: string) {
    super(`Certificate ${fromId} is already being rotated; complete or cancel that rotation first.`, {
      path: ['fromId'],
      context: { fromId },
    });
  }
}

/** Complete or cancel on a rotation that is no longer in its overlap. */
export class CertificateRotationFinishedError extends DomainError {
  readonly code = 'CERTIFICATE_ROTATION_FINISHED' as const;
  constructor(id: string, status: RotationStatus) {
    super(`Rotation ${id} is ${status}: that step does not apply to it now.`, {
      context: { id, status },
    });
  }
}

export const ROTATION_ERROR_CODES = {
  CERTIFICATE_ROTATION_ACTIVE: 'The certificate is already being rotated.',
  CERTIFICATE_ROTATION_FINISHED: 'The rotation is not in the state that step needs (e.g. completed already).',
} as const;

export type RotationError =
  | ForbiddenError
  | InvalidInputError
  | NotFoundError
  | CertificateDeletedError
  | CertificateNotAssociatedError
  | CertificateRotationActiveError
  | CertificateRotationFinishedError
  | UploadError;

export interface Rotation {
  readonly id: string;
  readonly fromCertificateId: string;
  /** Null while REQUESTED. */
  readonly toCertificateId: string | null;
  readonly status: RotationStatus;
  readonly accessRequestIds: readonly string[];
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** One grant a rotation step touches: its APIs, whether its key is bound, and the certificates. */
export interface RotationGrantChange {
  readonly accessRequestId: string;
  readonly apiIds: readonly string[];
  /** The grant's key is bound to its certificates (Tyk's mtls_static_certificate_bindings). */
  readonly keyBound: boolean;
  /** Tyk ids of its live certificates before the step, and what convergence makes them. */
  readonly before: readonly string[];
  readonly after: readonly string[];
}

export interface RotationStep {
  readonly rotation: Rotation;
  readonly changes: readonly RotationGrantChange[];
}

export interface RotationStartInput {
  readonly fromId: string;
  /** A stored certificate of the same organisation(s)… */
  readonly toId?: string;
  /** …or a new PEM, uploaded with `from`'s organisations. */
  readonly pem?: string;
  readonly name?: string;
}

export async function startRotation(
  ctx: CertificateContext,
  input: RotationStartInput,
  actor: Actor,
): Promise<Result<RotationStep, RotationError>> {
  if (actor.kind === 'CONSUMER') return requestRotation(ctx, input, actor);
  if ((input.toId === undefined) === (input.pem === undefined))
    return Err(
      new InvalidInputError('Give the new certificate as toId or as pem, not both.', { path: ['toId'] }),
    );
  const from = await repo.findCertificate(ctx.deps.db, input.fromId);
  if (!from) return Err(new NotFoundError('certificate', input.fromId, ['fromId']));
  if (from.deletedAt) return Err(new CertificateDeletedError(from.id));
  const organisationIds = await repo.organisationIdsOf(ctx.deps.db, from.id);
  const to = await resolveTo(ctx, from, organisationIds, input, actor);
  if (!to.ok) return to;
  try {
    return Ok(
      await ctx.deps.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(certificateRotations)
          .values({
            fromCertificateId: from.id,
            toCertificateId: to.value.id,
            createdTo: to.value.created,
            organisationIds,
          })
          .returning();
        return overlap(tx, ctx, row!, actor);
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return Err(new CertificateRotationActiveError(from.id));
    throw error;
  }
}

/**
 * A consumer's request to rotate its organisation's Self-Serve certificate: the PEM is checked now
 * (as an upload would) and kept on the rotation; nothing else changes until an admin approves.
 */
async function requestRotation(
  ctx: CertificateContext,
  input: RotationStartInput,
  actor: Extract<Actor, { kind: 'CONSUMER' }>,
): Promise<Result<RotationStep, RotationError>> {
  if (input.pem === undefined || input.toId !== undefined)
    return Err(new InvalidInputError('Give the new certificate as pem.', { path: ['pem'] }));
  const { db } = ctx.deps;
  // Its own Self-Serve certificate only; anything else is not found (nothing said of its owner).
  const [own] = await db
    .select({ id: accessRequests.certificateId })
    .from(accessRequests)
    .innerJoin(apps, eq(apps.id, accessRequests.appId))
    .innerJoin(products, eq(products.id, accessRequests.productId))
    .where(
      and(
        eq(accessRequests.certificateId, input.fromId),
        eq(apps.organisationId, actor.organisationId),
        eq(products.certificateMode, 'SELF_SERVE'),
      ),
    )
    .limit(1);
  const from = own && (await repo.findCertificate(db, input.fromId));
  if (!from) return Err(new NotFoundError('certificate', input.fromId, ['fromId']));
  if (from.deletedAt) return Err(new CertificateDeletedError(from.id));
  const checked = validateUpload(input.pem, ctx.now());
  if (!checked.ok) return checked;
  if (checked.value.leaf.fingerprints.sha256 === from.sha256)
    return Err(new InvalidInputError('The new certificate is the one being rotated.', { path: ['pem'] }));
  try {
    return Ok(
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(certificateRotations)
          .values({
            fromCertificateId: from.id,
            status: 'REQUESTED',
            requestedPem: leafPem(checked.value.leaf),
            organisationIds: await repo.organisationIdsOf(tx, from.id),
          })
          .returning();
        await audit(tx, actor, 'certificate.rotation_request', row!, []);
        return { rotation: toRotation(row!), changes: [] };
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return Err(new CertificateRotationActiveError(from.id));
    throw error;
  }
}

/** An admin approves a consumer's REQUESTED rotation: its PEM is stored and the overlap starts. */
export async function approveRotation(
  ctx: CertificateContext,
  id: string,
  actor: Actor,
): Promise<Result<RotationStep, RotationError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins approve rotations.'));
  const { db } = ctx.deps;
  const [row] = await db.select().from(certificateRotations).where(eq(certificateRotations.id, id));
  if (!row) return Err(new NotFoundError('rotation', id, ['rotationId']));
  if (row.status !== 'REQUESTED') return Err(new CertificateRotationFinishedError(id, row.status));
  const from = (await repo.findCertificate(db, row.fromCertificateId))!;
  if (from.deletedAt) return Err(new CertificateDeletedError(from.id));
  const to = await resolveTo(
    ctx,
    from,
    row.organisationIds,
    { fromId: from.id, pem: row.requestedPem! },
    actor,
  );
  if (!to.ok) return to;
  return db.transaction(async (tx): Promise<Result<RotationStep, RotationError>> => {
    const [locked] = await tx
      .update(certificateRotations)
      .set({
        status: 'OVERLAP',
        toCertificateId: to.value.id,
        createdTo: to.value.created,
        requestedPem: null,
      })
      .where(and(eq(certificateRotations.id, id), eq(certificateRotations.status, 'REQUESTED')))
      .returning();
    // Approved or declined meanwhile by another admin: that decision stands.
    if (!locked) return Err(new CertificateRotationFinishedError(id, 'CANCELLED'));
    return Ok(await overlap(tx, ctx, locked, actor));
  });
}

/** The new certificate: stored already (associated with `from`'s organisations), or uploaded now with them. */
async function resolveTo(
  ctx: CertificateContext,
  from: repo.CertificateRow,
  organisationIds: readonly string[],
  input: RotationStartInput,
  actor: Actor,
): Promise<Result<{ id: string; created: boolean }, RotationError>> {
  const { db } = ctx.deps;
  let toId = input.toId;
  let created = false;
  if (input.pem !== undefined) {
    // The upload talks to the Dashboard: outside any transaction, as every Dashboard call is.
    const uploaded = await uploadCertificate(
      ctx,
      {
        providerId: from.providerId,
        pem: input.pem,
        organisationIds: [...organisationIds],
        ...(input.name ? { name: input.name } : {}),
      },
      actor, // an admin: starting or approving a rotation is theirs
    );
    if (!uploaded.ok) return uploaded;
    toId = uploaded.value.certificate.id;
    created = uploaded.value.outcome === 'CREATED';
  }
  const to = await repo.findCertificate(db, toId!);
  if (!to) return Err(new NotFoundError('certificate', toId!, ['toId']));
  if (to.id === from.id)
    return Err(new InvalidInputError('The new certificate is the one being rotated.', { path: ['toId'] }));
  if (to.deletedAt) return Err(new CertificateDeletedError(to.id));
  if (to.providerId !== from.providerId)
    return Err(
      new InvalidInputError("The new certificate is in another provider's store.", { path: ['toId'] }),
    );
  const toOrganisations = new Set(await repo.organisationIdsOf(db, to.id));
  const missing = organisationIds.find((o) => !toOrganisations.has(o));
  if (missing) return Err(new CertificateNotAssociatedError(to.id, missing));
  return Ok({ id: to.id, created });
}

/** In the caller's transaction: the new certificate joins every grant of the old; jobs, report, audit. */
async function overlap(tx: Db, ctx: CertificateContext, row: Row, actor: Actor): Promise<RotationStep> {
  const grants = await grantsUsing(tx, [row.fromCertificateId]);
  const before = await liveOf(tx, grants, ctx.now());
  const added =
    grants.length === 0
      ? []
      : await tx
          .insert(accessRequestCertificates)
          .values(grants.map((accessRequestId) => ({ accessRequestId, certificateId: row.toCertificateId! })))
          .onConflictDoNothing()
          .returning({ id: accessRequestCertificates.accessRequestId });
  const [updated] = await tx
    .update(certificateRotations)
    .set({ accessRequestIds: grants, addedToRequestIds: added.map((a) => a.id).sort() })
    .where(eq(certificateRotations.id, row.id))
    .returning();
  await enqueueJobs(tx, grants.map(requestJob));
  const changes = await report(tx, grants, before, ctx.now());
  await audit(tx, actor, 'certificate.rotation_start', updated!, changes);
  return { rotation: toRotation(updated!), changes };
}

/** Ends the overlap: `from` leaves every grant that has it and the organisations it served. */
export function completeRotation(ctx: CertificateContext, id: string, actor: Actor) {
  return finish(ctx, id, actor, 'COMPLETED', async (tx, row) => {
    // Grants approved during the overlap may hold `from` too: all leave it.
    const grants = [
      ...new Set([...row.accessRequestIds, ...(await grantsUsing(tx, [row.fromCertificateId]))]),
    ];
    if (grants.length > 0) {
      await tx
        .delete(accessRequestCertificates)
        .where(
          and(
            eq(accessRequestCertificates.certificateId, row.fromCertificateId),
            inArray(accessRequestCertificates.accessRequestId, grants),
          ),
        );
      // A Self-Serve request names its certificate: re-provisioning registers `to` from now on.
      await tx
        .update(accessRequests)
        .set({ certificateId: row.toCertificateId! })
        .where(
          and(inArray(accessRequests.id, grants), eq(accessRequests.certificateId, row.fromCertificateId)),
        );
    }
    await unlink(tx, row.fromCertificateId, row.organisationIds);
    return grants;
  });
}

/** Abandons the overlap: `to` leaves the grants it was added to (and, if the rotation uploaded it, their organisations). */
export function cancelRotation(ctx: CertificateContext, id: string, actor: Actor) {
  return finish(ctx, id, actor, 'CANCELLED', async (tx, row) => {
    if (row.status === 'REQUESTED') return []; // declined before it changed anything
    if (row.addedToRequestIds.length > 0)
      await tx
        .delete(accessRequestCertificates)
        .where(
          and(
            eq(accessRequestCertificates.certificateId, row.toCertificateId!),
            inArray(accessRequestCertificates.accessRequestId, row.addedToRequestIds),
          ),
        );
    if (row.createdTo && row.toCertificateId) await unlink(tx, row.toCertificateId, row.organisationIds);
    return row.accessRequestIds;
  });
}

/**
 * The organisation sees the rotation: it sees the certificate being replaced or its replacement
 * (after completion the old one has left the organisation, the new one has joined it).
 */
export function rotationVisibleTo(organisationId: string) {
  return or(
    repo.visibleToOrganisation(certificateRotations.fromCertificateId, organisationId),
    repo.visibleToOrganisation(certificateRotations.toCertificateId, organisationId),
  );
}

/** Rotations by id; with a `scope`, only those that organisation sees (rotationVisibleTo). */
export async function rotationsByIds(
  db: Db,
  ids: readonly string[],
  scope: string | undefined,
): Promise<Rotation[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(certificateRotations)
    .where(
      and(
        inArray(certificateRotations.id, [...ids]),
        scope === undefined ? undefined : rotationVisibleTo(scope),
      ),
    );
  return rows.map(toRotation);
}

type Row = typeof certificateRotations.$inferSelect;

async function finish(
  ctx: CertificateContext,
  id: string,
  actor: Actor,
  status: 'COMPLETED' | 'CANCELLED',
  change: (tx: Db, row: Row) => Promise<readonly string[]>,
): Promise<Result<RotationStep, RotationError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins rotate certificates.'));
  return ctx.deps.db.transaction(async (tx): Promise<Result<RotationStep, RotationError>> => {
    const [row] = await tx
      .select()
      .from(certificateRotations)
      .where(eq(certificateRotations.id, id))
      .for('update');
    if (!row) return Err(new NotFoundError('rotation', id, ['rotationId']));
    const allowed = status === 'CANCELLED' ? ['REQUESTED', 'OVERLAP'] : ['OVERLAP'];
    if (!allowed.includes(row.status)) return Err(new CertificateRotationFinishedError(id, row.status));
    const now = ctx.now();
    const touched = [
      ...new Set([...row.accessRequestIds, ...(await grantsUsing(tx, [row.fromCertificateId]))]),
    ];
    const before = await liveOf(tx, touched, now);
    const grants = await change(tx, row);
    const [updated] = await tx
      .update(certificateRotations)
      .set({ status, finishedAt: now, updatedAt: now, requestedPem: null })
      .where(eq(certificateRotations.id, id))
      .returning();
    // Every grant that used `from` converges: its organisation link is gone on completion.
    await enqueueJobs(tx, [...new Set([...grants, ...touched])].map(requestJob));
    const changes = await report(tx, touched, before, now);
    await audit(
      tx,
      actor,
      status === 'COMPLETED' ? 'certificate.rotation_complete' : 'certificate.rotation_cancel',
      updated!,
      changes,
    );
    return Ok({ rotation: toRotation(updated!), changes });
  });
}

async function unlink(tx: Db, certificateId: string, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return;
  await tx
    .delete(certificateOrganisations)
    .where(
      and(
        eq(certificateOrganisations.certificateId, certificateId),
        inArray(certificateOrganisations.organisationId, [...organisationIds]),
      ),
    );
}

/** Each grant's live certificates (Tyk ids) as the reconciler sees them now: one statement. */
async function liveOf(tx: Db, grants: readonly string[], now: Date): Promise<Map<string, string[]>> {
  const certificates = await grantsCertificates(tx, grants, now);
  return new Map(
    grants.map((id) => [
      id,
      (certificates.get(id) ?? []).filter((c) => c.notLive === null).map((c) => c.tykId),
    ]),
  );
}

async function report(
  tx: Db,
  grants: readonly string[],
  before: Map<string, string[]>,
  now: Date,
): Promise<RotationGrantChange[]> {
  if (grants.length === 0) return [];
  const after = await liveOf(tx, grants, now);
  const rows = await tx
    .select({
      id: accessRequests.id,
      apiId: productApis.apiId,
      binds: sql<boolean>`p.bind_certificate_to_token`,
    })
    .from(accessRequests)
    .innerJoin(sql`products p`, sql`p.id = ${accessRequests.productId}`)
    .innerJoin(productApis, eq(productApis.productId, accessRequests.productId))
    .where(inArray(accessRequests.id, [...grants]));
  return grants.map((id) => {
    const mine = rows.filter((r) => r.id === id);
    return {
      accessRequestId: id,
      apiIds: mine.map((r) => r.apiId).sort(),
      keyBound: mine[0]?.binds ?? false,
      before: before.get(id) ?? [],
      after: after.get(id) ?? [],
    };
  });
}

async function audit(
  tx: Db,
  actor: Actor,
  action:
    | 'certificate.rotation_request'
    | 'certificate.rotation_start'
    | 'certificate.rotation_complete'
    | 'certificate.rotation_cancel',
  row: Row,
  changes: readonly RotationGrantChange[],
) {
  await recordAudit(tx, actor, [
    {
      action,
      subjectType: 'certificate',
      subjectId: row.fromCertificateId,
      after: { rotationId: row.id, toCertificateId: row.toCertificateId, status: row.status, changes },
    },
  ]);
}

export function toRotation(row: Row): Rotation {
  return {
    id: row.id,
    fromCertificateId: row.fromCertificateId,
    toCertificateId: row.toCertificateId,
    status: row.status,
    accessRequestIds: row.accessRequestIds,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
