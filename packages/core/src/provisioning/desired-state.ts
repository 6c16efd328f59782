import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { queryRows } from '../db/query-rows.ts';
import type { AccessLossReason } from '../db/schema/access-requests.ts';
import { allowListEntries } from '../db/schema/allow-list-entries.ts';

/*
 * The desired state of the Dashboard, derived from the portal's tables alone. A grant is a request
 * that is APPROVED or being provisioned (PROVISIONING); its certificates are the ones provisioning
 * recorded (access_request_certificates). A grant's certificate is live when it is still in the
 * Dashboard's store (registered, not soft-deleted), not suspended, valid now, still associated with
 * the grant's organisation, and not a CA unless an admin marked it a trusted issuer there. Allow lists hold
 * the live certificates of live grants; a key exists exactly while its grant has one (or, for a
 * product without mTLS, while the grant is live), bound to them when the product binds.
 */

/** Statuses whose request is (being) granted access. */
export const GRANTING = sql`('APPROVED', 'PROVISIONING')`;

/** The liveness test of certificate `c` for the organisation link `co` (which may be missing). */
function liveCertificate(now: Date): SQL {
  return sql`(c.deleted_at IS NULL AND c.registered_at IS NOT NULL AND c.suspended_at IS NULL
    AND c.not_before <= ${now.toISOString()}::timestamptz AND c.not_after > ${now.toISOString()}::timestamptz
    AND co.certificate_id IS NOT NULL AND (NOT c.is_ca OR co.trusted_issuer))`;
}

/** The Tyk ids the live grants of a provider's products need on one API, sorted. */
export async function desiredAllowList(
  db: Db,
  providerId: string,
  apiId: string,
  now: Date,
): Promise<string[]> {
  const rows = await queryRows<{ tyk_id: string }>(
    db,
    sql`SELECT DISTINCT c.tyk_id
      FROM access_requests r
      JOIN products p ON p.id = r.product_id AND p.provider_id = ${providerId} AND p.auth_type = 'AUTH_TOKEN_MTLS'
      JOIN product_apis pa ON pa.product_id = p.id AND pa.api_id = ${apiId}
      JOIN apps a ON a.id = r.app_id
      JOIN access_request_certificates arc ON arc.access_request_id = r.id
      JOIN certificates c ON c.id = arc.certificate_id
      LEFT JOIN certificate_organisations co
        ON co.certificate_id = c.id AND co.organisation_id = a.organisation_id
      WHERE r.status IN ${GRANTING} AND ${liveCertificate(now)}
      ORDER BY c.tyk_id`,
  );
  return rows.map((r) => r.tyk_id);
}

/** The entries of an API the portal placed (and may therefore remove). */
export async function placedEntries(db: Db, providerId: string, apiId: string): Promise<Set<string>> {
  const rows = await queryRows<{ tyk_id: string }>(
    db,
    sql`SELECT tyk_id FROM allow_list_entries WHERE provider_id = ${providerId} AND api_id = ${apiId}`,
  );
  return new Set(rows.map((r) => r.tyk_id));
}

/** Records what the portal placed on an API and forgets what it removed, in the caller's transaction. */
export async function recordPlacements(
  db: Db,
  providerId: string,
  apiId: string,
  change: { placed: readonly string[]; removed: readonly string[] },
): Promise<void> {
  if (change.placed.length > 0)
    await db
      .insert(allowListEntries)
      .values(change.placed.map((tykId) => ({ providerId, apiId, tykId })))
      .onConflictDoNothing();
  if (change.removed.length > 0)
    await db.execute(
      sql`DELETE FROM allow_list_entries WHERE provider_id = ${providerId} AND api_id = ${apiId}
          AND tyk_id IN ${list(change.removed)}`,
    );
}

/** One certificate of a grant, and whether (or why not) it counts now. */
export interface GrantCertificate {
  readonly id: string;
  readonly tykId: string;
  /** Null when live; otherwise the first reason it is not. */
  readonly notLive: AccessLossReason | null;
}

/** The certificates a request's provisioning recorded, with their liveness at `now`. */
export async function grantCertificates(db: Db, requestId: string, now: Date): Promise<GrantCertificate[]> {
  return (await grantsCertificates(db, [requestId], now)).get(requestId) ?? [];
}

/**
 * The same for many requests in one statement (a rotation reports on every grant it touches), by
 * request id; a request with none is absent.
 */
export async function grantsCertificates(
  db: Db,
  requestIds: readonly string[],
  now: Date,
): Promise<Map<string, GrantCertificate[]>> {
  const byRequest = new Map<string, GrantCertificate[]>();
  if (requestIds.length === 0) return byRequest;
  const at = now.toISOString();
  const rows = await queryRows<{
    request_id: string;
    id: string;
    tyk_id: string;
    not_live: AccessLossReason | null;
  }>(
    db,
    sql`SELECT arc.access_request_id AS request_id, c.id, c.tyk_id, CASE
        WHEN c.deleted_at IS NOT NULL OR c.registered_at IS NULL THEN 'CERTIFICATE_DELETED'
        WHEN c.suspended_at IS NOT NULL THEN 'CERTIFICATE_SUSPENDED'
        WHEN c.not_after <= ${at}::timestamptz THEN 'CERTIFICATE_EXPIRED'
        WHEN c.not_before > ${at}::timestamptz THEN 'CERTIFICATE_NOT_YET_VALID'
        WHEN co.certificate_id IS NULL OR (c.is_ca AND NOT co.trusted_issuer) THEN 'CERTIFICATE_LEFT_ORGANISATION'
        END AS not_live
      FROM access_request_certificates arc
      JOIN access_requests r ON r.id = arc.access_request_id
      JOIN apps a ON a.id = r.app_id
      JOIN certificates c ON c.id = arc.certificate_id
      LEFT JOIN certificate_organisations co
        ON co.certificate_id = c.id AND co.organisation_id = a.organisation_id
      WHERE arc.access_request_id IN ${list(requestIds)}
      ORDER BY arc.access_request_id, c.tyk_id`,
  );
  for (const r of rows) {
    const certificate = { id: r.id, tykId: r.tyk_id, notLive: r.not_live };
    byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), certificate]);
  }
  return byRequest;
}

/**
 * Granted requests that provisioned any of these certificates: what a change to them affects. One
 * statement per 5,000 certificates (a sync can soft-delete many; PostgreSQL binds 65,535 values).
 */
export async function grantsUsing(db: Db, certificateIds: readonly string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (let at = 0; at < certificateIds.length; at += 5_000) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`SELECT DISTINCT r.id FROM access_requests r
        JOIN access_request_certificates arc ON arc.access_request_id = r.id
        WHERE arc.certificate_id IN ${list(certificateIds.slice(at, at + 5_000))} AND r.status IN ${GRANTING}`,
    );
    for (const r of rows) ids.add(r.id);
  }
  return [...ids].sort();
}

/** `(v1, v2, …)` for a non-empty list of values. */
function list(values: readonly string[]): SQL {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
