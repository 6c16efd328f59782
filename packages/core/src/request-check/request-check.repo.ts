import { sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { certificates as c } from '../db/schema/certificates.ts';

/** An allow-listed CA as the portal knows it. */
export interface ListedCa {
  readonly tykId: string;
  readonly subjectDn: string | null;
  readonly subjectCn: string | null;
  /** The stored PEM, when the portal kept one (often null). */
  readonly pem: string | null;
}

/** What the portal's records say about an allow list's ids. */
export interface PortalView {
  /** How many of the ids have a row (soft-deleted ones included). */
  readonly known: number;
  readonly cas: readonly ListedCa[];
}

/**
 * One statement whatever the number of ids. They travel as ONE JSON text parameter: binding a
 * 10,000-element array makes the drivers escape element by element (several times slower), and
 * `inArray` would need a bind value per id (65,535 at most). Only the CA rows come back, the one
 * thing the decision needs a DER for, plus the count of known ids; soft-deleted rows count, as
 * the Gateway's store, not our records, decides presence.
 */
export async function portalViewOf(
  db: Db,
  providerId: string,
  tykIds: readonly string[],
): Promise<PortalView> {
  if (tykIds.length === 0) return { known: 0, cas: [] };
  const rows = await db.execute<{
    known: number | string;
    tyk_id: string | null;
    subject_dn: string | null;
    subject_cn: string | null;
    pem: string | null;
  }>(
    sql`WITH listed AS (
      SELECT ${c.tykId}, ${c.isCa}, ${c.subjectDn}, ${c.subjectCn}, ${c.pem} FROM ${c}
      WHERE ${c.providerId} = ${providerId}
        AND ${c.tykId} IN (SELECT jsonb_array_elements_text(${JSON.stringify(tykIds)}::text::jsonb)))
    SELECT (SELECT count(*) FROM listed) AS known, ca.tyk_id, ca.subject_dn, ca.subject_cn, ca.pem
    FROM (SELECT 1) AS one LEFT JOIN listed AS ca ON ca.is_ca`,
    'objects',
  );
  return {
    known: Number(rows[0]?.known ?? 0),
    cas: rows.flatMap((r) =>
      r.tyk_id === null
        ? []
        : [{ tykId: r.tyk_id, subjectDn: r.subject_dn, subjectCn: r.subject_cn, pem: r.pem }],
    ),
  };
}
