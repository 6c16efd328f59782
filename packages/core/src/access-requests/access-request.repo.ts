import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import {
  type AccessRequestStatus,
  accessRequestCertificates,
  accessRequests,
} from '../db/schema/access-requests.ts';
import { apps } from '../db/schema/apps.ts';
import { certificateOrganisations, certificates } from '../db/schema/certificates.ts';
import { credentials } from '../db/schema/credentials.ts';
import type { AccessRequest } from './access-request.ts';

export async function insertRequest(
  db: Db,
  values: typeof accessRequests.$inferInsert,
): Promise<AccessRequest> {
  const [row] = await db.insert(accessRequests).values(values).returning();
  return row!;
}

/** Requests by id, optionally confined to one organisation (through the app). One statement. */
export async function requestsByIds(
  db: Db,
  ids: readonly string[],
  organisationId?: string,
): Promise<AccessRequest[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ request: accessRequests })
    .from(accessRequests)
    .innerJoin(apps, eq(apps.id, accessRequests.appId))
    .where(
      and(
        inArray(accessRequests.id, [...ids]),
        organisationId ? eq(apps.organisationId, organisationId) : undefined,
      ),
    );
  return rows.map((r) => r.request);
}

export interface RequestFilter {
  readonly status?: AccessRequestStatus;
  readonly appId?: string;
  readonly productId?: string;
  readonly organisationId?: string;
}

export async function listRequests(db: Db, filter: RequestFilter, limit: number): Promise<AccessRequest[]> {
  const rows = await db
    .select({ request: accessRequests })
    .from(accessRequests)
    .innerJoin(apps, eq(apps.id, accessRequests.appId))
    .where(
      and(
        filter.status ? eq(accessRequests.status, filter.status) : undefined,
        filter.appId ? eq(accessRequests.appId, filter.appId) : undefined,
        filter.productId ? eq(accessRequests.productId, filter.productId) : undefined,
        filter.organisationId ? eq(apps.organisationId, filter.organisationId) : undefined,
      ),
    )
    .orderBy(desc(accessRequests.createdAt), desc(accessRequests.id))
    .limit(limit);
  return rows.map((r) => r.request);
}

/**
 * Moves a request from one of `from` to new values, bumping `version`. Returns undefined when the
 * request was not in an allowed state any more (a concurrent decision won), so callers never
 * overwrite each other.
 */
export async function transition(
  db: Db,
  id: string,
  from: readonly AccessRequestStatus[],
  values: Partial<typeof accessRequests.$inferInsert>,
): Promise<AccessRequest | undefined> {
  const [row] = await db
    .update(accessRequests)
    .set({
      ...values,
      version: sql`${accessRequests.version} + 1`,
      // Every move into PROVISIONING starts an attempt; counting it here (not when the worker
      // ends it) lets the approve/retry/re-provision payload show the count that includes it.
      ...(values.status === 'PROVISIONING' ? { attempts: sql`${accessRequests.attempts} + 1` } : {}),
    })
    .where(and(eq(accessRequests.id, id), inArray(accessRequests.status, [...from])))
    .returning();
  return row;
}

/**
 * Managed mode: the organisation's certificates that can go on an allow list of this provider now:
 * in the store, valid at `now`, and not a CA unless the organisation marked it a trusted issuer.
 */
export async function organisationCertificates(
  db: Db,
  providerId: string,
  organisationId: string,
  now: Date,
) {
  return db
    .select({ id: certificates.id, tykId: certificates.tykId })
    .from(certificates)
    .innerJoin(certificateOrganisations, eq(certificateOrganisations.certificateId, certificates.id))
    .where(
      and(
        eq(certificateOrganisations.organisationId, organisationId),
        eq(certificates.providerId, providerId),
        isNull(certificates.deletedAt),
        isNotNull(certificates.registeredAt),
        eq(certificates.hasPrivateKey, false),
        lte(certificates.notBefore, now),
        gt(certificates.notAfter, now),
        or(eq(certificates.isCa, false), eq(certificateOrganisations.trustedIssuer, true)),
      ),
    )
    .orderBy(asc(certificates.tykId));
}

/** Records exactly `certificateIds` as what the request provisioned. */
export async function replaceProvisionedCertificates(
  db: Db,
  requestId: string,
  certificateIds: readonly string[],
) {
  await db
    .delete(accessRequestCertificates)
    .where(
      and(
        eq(accessRequestCertificates.accessRequestId, requestId),
        certificateIds.length > 0
          ? notInArray(accessRequestCertificates.certificateId, [...certificateIds])
          : undefined,
      ),
    );
  if (certificateIds.length === 0) return;
  await db
    .insert(accessRequestCertificates)
    .values(certificateIds.map((certificateId) => ({ accessRequestId: requestId, certificateId })))
    .onConflictDoNothing();
}

export async function provisionedCertificates(db: Db, requestId: string) {
  return db
    .select({ id: certificates.id, tykId: certificates.tykId })
    .from(accessRequestCertificates)
    .innerJoin(certificates, eq(certificates.id, accessRequestCertificates.certificateId))
    .where(eq(accessRequestCertificates.accessRequestId, requestId))
    .orderBy(asc(certificates.tykId));
}

export async function liveCredential(db: Db, requestId: string) {
  const [row] = await db
    .select()
    .from(credentials)
    .where(and(eq(credentials.accessRequestId, requestId), isNull(credentials.revokedAt)));
  return row;
}

export async function credentialsOf(db: Db, requestIds: readonly string[]) {
  if (requestIds.length === 0) return [];
  return db
    .select()
    .from(credentials)
    .where(inArray(credentials.accessRequestId, [...requestIds]))
    .orderBy(asc(credentials.createdAt));
}

export async function revokeCredentials(db: Db, requestId: string, at: Date): Promise<void> {
  await db
    .update(credentials)
    .set({ revokedAt: at })
    .where(and(eq(credentials.accessRequestId, requestId), isNull(credentials.revokedAt)));
}
