import { sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import type { KeysetPosition } from '../keyset-page.ts';

/** The two statuses a scan records, and the audit action each becomes. */
export const EXPIRY_ACTIONS = {
  EXPIRING_SOON: 'certificate.expiring_soon',
  EXPIRED: 'certificate.expired',
} as const;
export type ExpiryStatus = keyof typeof EXPIRY_ACTIONS;

/** An access request whose grant names the certificate; `apiIds` are its product's APIs. */
export interface AffectedAccessRequest {
  readonly id: string;
  readonly status: string;
  readonly productId: string;
  readonly appId: string;
  readonly organisationId: string;
  readonly apiIds: readonly string[];
}

/** A live credential whose access request provisioned the certificate. */
export interface AffectedCredential {
  readonly id: string;
  readonly accessRequestId: string;
}

export interface PendingTransition {
  readonly certificateId: string;
  readonly status: ExpiryStatus;
  readonly notAfter: Date;
  readonly affects: {
    readonly accessRequests: readonly AffectedAccessRequest[];
    readonly credentials: readonly AffectedCredential[];
  };
}

/**
 * What a certificate `p` (aliased so in the caller's FROM) affects, as two JSON text columns: the
 * requests that name it and have not ended (with their product's APIs), and their live credentials.
 */
const AFFECTS = sql`
      (SELECT coalesce(json_agg(json_build_object(
          'id', ar.id, 'status', ar.status, 'productId', ar.product_id, 'appId', ar.app_id,
          'organisationId', ap.organisation_id,
          'apiIds', (SELECT coalesce(json_agg(pa.api_id ORDER BY pa.api_id), '[]'::json)
                     FROM product_apis pa WHERE pa.product_id = ar.product_id)
        ) ORDER BY ar.id), '[]'::json)::text
       FROM access_requests ar JOIN apps ap ON ap.id = ar.app_id
       WHERE ar.status NOT IN ('REJECTED', 'REVOKED')
         AND ar.id IN (
           SELECT arc.access_request_id FROM access_request_certificates arc WHERE arc.certificate_id = p.id
           UNION SELECT sr.id FROM access_requests sr WHERE sr.certificate_id = p.id)
      ) AS access_requests,
      (SELECT coalesce(json_agg(json_build_object('id', cr.id, 'accessRequestId', cr.access_request_id)
          ORDER BY cr.id), '[]'::json)::text
       FROM credentials cr JOIN access_request_certificates arc ON arc.access_request_id = cr.access_request_id
       WHERE arc.certificate_id = p.id AND cr.revoked_at IS NULL
      ) AS credentials`;

interface Row extends Record<string, unknown> {
  certificate_id: string;
  status: ExpiryStatus;
  not_after: string;
  access_requests: string;
  credentials: string;
}

/**
 * Live certificates that are EXPIRING_SOON or EXPIRED at `now` (the SQL twin of x509
 * `certificateStatus`) and have no audit event for that status yet, with what each affects: ONE
 * statement however many there are. Ended grants (REJECTED, REVOKED) and revoked credentials are
 * left out of `affects`. The aggregates travel as JSON text, read the same on both drivers.
 */
export async function pendingTransitions(
  db: Db,
  now: Date,
  warningDays: number,
): Promise<PendingTransition[]> {
  const horizon = new Date(now.getTime() + warningDays * 86_400_000);
  const rows = await db.execute<Row>(
    sql`
    WITH candidates AS (
      SELECT c.id, c.not_after,
        CASE WHEN c.not_after < ${now.toISOString()}::timestamptz THEN 'EXPIRED' ELSE 'EXPIRING_SOON' END AS status
      FROM certificates c
      WHERE c.deleted_at IS NULL
        AND c.not_before <= ${now.toISOString()}::timestamptz
        AND c.not_after <= ${horizon.toISOString()}::timestamptz
    ), pending AS (
      SELECT cand.* FROM candidates cand
      WHERE NOT EXISTS (
        SELECT 1 FROM audit_events a
        WHERE a.subject_type = 'certificate' AND a.subject_id = cand.id
          AND a.action = CASE cand.status WHEN 'EXPIRED' THEN ${EXPIRY_ACTIONS.EXPIRED} ELSE ${EXPIRY_ACTIONS.EXPIRING_SOON} END)
    )
    SELECT p.id AS certificate_id, p.status,
      to_char(p.not_after at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS not_after,
      ${AFFECTS}
    FROM pending p
    ORDER BY p.not_after, p.id`,
    'objects',
  );
  return rows.map((r) => ({
    certificateId: r.certificate_id,
    status: r.status,
    notAfter: new Date(r.not_after),
    affects: { accessRequests: JSON.parse(r.access_requests), credentials: JSON.parse(r.credentials) },
  }));
}

/** A live certificate that expires within the window, and what loses access when it does. */
export interface ExpiringCertificate {
  readonly certificateId: string;
  readonly notAfter: Date;
  readonly affects: PendingTransition['affects'];
  /** notAfter as exact ISO text (microseconds): the keyset cursor's key. */
  readonly notAfterKey: string;
}

interface ExpiringRow extends Row {
  not_after_key: string;
}

/**
 * Live (not soft-deleted) certificates valid now whose notAfter falls within (now, horizon], soonest
 * first (then by id), after the keyset position `after`, with what each affects: one statement for
 * the page, whatever its size.
 */
export async function expiringWithin(
  db: Db,
  q: { readonly now: Date; readonly horizon: Date; readonly after?: KeysetPosition; readonly limit: number },
): Promise<ExpiringCertificate[]> {
  const rows = await db.execute<ExpiringRow>(
    sql`
    SELECT p.id AS certificate_id,
      to_char(p.not_after at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS not_after,
      to_char(p.not_after at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS not_after_key,
      ${AFFECTS}
    FROM certificates p
    WHERE p.deleted_at IS NULL
      AND p.not_before <= ${q.now.toISOString()}::timestamptz
      AND p.not_after > ${q.now.toISOString()}::timestamptz
      AND p.not_after <= ${q.horizon.toISOString()}::timestamptz
      ${q.after ? sql`AND (p.not_after, p.id) > (${q.after.key}::timestamptz, ${q.after.id}::text)` : sql``}
    ORDER BY p.not_after, p.id
    LIMIT ${q.limit}`,
    'objects',
  );
  return rows.map((r) => ({
    certificateId: r.certificate_id,
    notAfter: new Date(r.not_after),
    notAfterKey: r.not_after_key,
    affects: { accessRequests: JSON.parse(r.access_requests), credentials: JSON.parse(r.credentials) },
  }));
}
