import {
  and,
  asc,
  eq,
  exists,
  getColumns,
  inArray,
  isNull,
  notInArray,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { accessRequestCertificates, accessRequests } from '../db/schema/access-requests.ts';
import { apps } from '../db/schema/apps.ts';
import { certificateOrganisations, certificates } from '../db/schema/certificates.ts';
import { credentials } from '../db/schema/credentials.ts';
import { organisations } from '../db/schema/organisations.ts';
import { products } from '../db/schema/products.ts';
import type { CredentialUsage } from './certificate.errors.ts';
import { pendingApproval } from './certificate-status.ts';

export type CertificateInsert = typeof certificates.$inferInsert;

// Every column but the PEM, which only the Self-Serve approval flow and the request check read.
const { pem: _pem, ...storedColumns } = getColumns(certificates);
const rowColumns = { ...storedColumns, pendingApproval: pendingApproval.as('pending_approval') };

export { rowColumns as certificateRowColumns };

/** A stored certificate without its PEM and without the clock-dependent status. */
export type CertificateRow = Omit<typeof certificates.$inferSelect, 'pem'> & {
  /** Waiting for its Self-Serve request's approval (certificate-status.ts). */
  readonly pendingApproval: boolean;
};

export async function findCertificate(db: Db, id: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select(rowColumns).from(certificates).where(eq(certificates.id, id));
  return row;
}

/**
 * The rows of `ids` (soft-deleted ones included), in one statement; with a `scope`, only those
 * associated with that organisation.
 */
export async function certificatesByIds(
  db: Db,
  ids: readonly string[],
  scope: string | undefined,
): Promise<CertificateRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(rowColumns)
    .from(certificates)
    .where(
      and(
        inArray(certificates.id, [...ids]),
        scope === undefined ? undefined : visibleToOrganisation(certificates.id, scope),
      ),
    );
}

/** The stored public PEMs of `ids` (null where none is kept), scoped as {@link certificatesByIds}. */
export async function certificatePems(
  db: Db,
  ids: readonly string[],
  scope: string | undefined,
): Promise<{ id: string; pem: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: certificates.id, pem: certificates.pem })
    .from(certificates)
    .where(
      and(
        inArray(certificates.id, [...ids]),
        scope === undefined ? undefined : visibleToOrganisation(certificates.id, scope),
      ),
    );
}

/**
 * The certificate `id` names (a column of the outer query) is the organisation's to see: associated
 * with it, or named by one of its access requests (a Self-Serve certificate its consumer supplied,
 * linked to the organisation only once approved, stays visible to it).
 */
export function visibleToOrganisation(id: SQLWrapper, organisationId: string): SQL {
  return or(
    exists(
      sql`(select 1 from ${certificateOrganisations} where ${certificateOrganisations.certificateId} = ${id} and ${certificateOrganisations.organisationId} = ${organisationId})`,
    ),
    exists(
      sql`(select 1 from ${accessRequests} join ${apps} on ${apps.id} = ${accessRequests.appId} where ${accessRequests.certificateId} = ${id} and ${apps.organisationId} = ${organisationId})`,
    ),
  )!;
}

/** A provider's rows (soft-deleted ones too) for these Tyk ids, by Tyk id, in one statement. */
export async function findByTykIds(
  db: Db,
  providerId: string,
  tykIds: readonly string[],
): Promise<Map<string, { id: string; deletedAt: Date | null }>> {
  if (tykIds.length === 0) return new Map();
  const rows = await db
    .select({ id: certificates.id, tykId: certificates.tykId, deletedAt: certificates.deletedAt })
    .from(certificates)
    .where(and(eq(certificates.providerId, providerId), inArray(certificates.tykId, [...new Set(tykIds)])));
  return new Map(rows.map(({ tykId, ...row }) => [tykId, row]));
}

/** Inside a transaction: the row, locked against concurrent edits until the transaction ends. */
export async function lockCertificate(db: Db, id: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select(rowColumns).from(certificates).where(eq(certificates.id, id)).for('update');
  return row;
}

/** The row of a Tyk id in a provider, soft-deleted or not, locked until the transaction ends. */
export async function lockByTykId(
  db: Db,
  providerId: string,
  tykId: string,
): Promise<CertificateRow | undefined> {
  const [row] = await db
    .select(rowColumns)
    .from(certificates)
    .where(and(eq(certificates.providerId, providerId), eq(certificates.tykId, tykId)))
    .for('update');
  return row;
}

/** Inserts unless the provider already has the Tyk id (a concurrent upload or sync); undefined then. */
export async function insertCertificate(
  db: Db,
  values: CertificateInsert,
): Promise<CertificateRow | undefined> {
  const [row] = await db
    .insert(certificates)
    .values(values)
    .onConflictDoNothing({ target: [certificates.providerId, certificates.tykId] })
    .returning(rowColumns);
  return row;
}

export async function updateCertificate(
  db: Db,
  id: string,
  values: Partial<CertificateInsert>,
): Promise<CertificateRow> {
  const [row] = await db
    .update(certificates)
    .set(values)
    .where(eq(certificates.id, id))
    .returning(rowColumns);
  return row!;
}

export async function organisationIdsOf(db: Db, certificateId: string): Promise<string[]> {
  const rows = await db
    .select({ id: certificateOrganisations.organisationId })
    .from(certificateOrganisations)
    .where(eq(certificateOrganisations.certificateId, certificateId));
  // Sorted here, not in SQL, so the order matches JavaScript's whatever the database's collation.
  return rows.map((r) => r.id).sort();
}

/** Makes the certificate's organisations exactly `ids` (two statements, whatever the sizes). */
export async function replaceOrganisations(
  db: Db,
  certificateId: string,
  ids: readonly string[],
): Promise<void> {
  const mine = eq(certificateOrganisations.certificateId, certificateId);
  await db
    .delete(certificateOrganisations)
    .where(
      ids.length === 0 ? mine : and(mine, notInArray(certificateOrganisations.organisationId, [...ids])),
    );
  if (ids.length === 0) return;
  await db
    .insert(certificateOrganisations)
    .values(ids.map((organisationId) => ({ certificateId, organisationId })))
    .onConflictDoNothing();
}

/** The ids of `ids` that name no organisation. */
export async function missingOrganisationIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** Organisations of many certificates in one statement (a GraphQL batch). */
export async function organisationsOfCertificates(
  db: Db,
  certificateIds: readonly string[],
): Promise<{ certificateId: string; id: string; name: string }[]> {
  if (certificateIds.length === 0) return [];
  return db
    .select({
      certificateId: certificateOrganisations.certificateId,
      id: organisations.id,
      name: organisations.name,
    })
    .from(certificateOrganisations)
    .innerJoin(organisations, eq(organisations.id, certificateOrganisations.organisationId))
    .where(inArray(certificateOrganisations.certificateId, [...certificateIds]))
    .orderBy(asc(organisations.name), asc(organisations.id));
}

/**
 * Live credentials of the access requests that provisioned the certificate; with a `scope`, only
 * those of that organisation's apps.
 */
export async function credentialsUsing(
  db: Db,
  certificateId: string,
  scope?: string,
): Promise<CredentialUsage[]> {
  return db
    .select({
      credentialId: credentials.id,
      accessRequestId: accessRequests.id,
      appId: apps.id,
      appName: apps.name,
      organisationId: apps.organisationId,
      productId: products.id,
      productName: products.name,
      boundToToken: products.bindCertificateToToken,
    })
    .from(accessRequestCertificates)
    .innerJoin(accessRequests, eq(accessRequests.id, accessRequestCertificates.accessRequestId))
    .innerJoin(credentials, eq(credentials.accessRequestId, accessRequests.id))
    .innerJoin(apps, eq(apps.id, accessRequests.appId))
    .innerJoin(products, eq(products.id, accessRequests.productId))
    .where(
      and(
        eq(accessRequestCertificates.certificateId, certificateId),
        isNull(credentials.revokedAt),
        scope === undefined ? undefined : eq(apps.organisationId, scope),
      ),
    )
    .orderBy(asc(credentials.id));
}
