import {
  and,
  arrayOverlaps,
  asc,
  eq,
  exists,
  gt,
  gte,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { queryRows } from '../db/query-rows.ts';
import { certificateOrganisations, certificates } from '../db/schema/certificates.ts';
import { organisations } from '../db/schema/organisations.ts';
import type { Organisation } from '../organisations/organisation.service.ts';
import { DEFAULT_EXPIRY_WARNING_DAYS } from '../x509/status.ts';
import { CERTIFICATE_SUMMARY_FIELDS } from './certificate.ts';
import {
  type CertificateSort,
  type CursorPosition,
  type ParsedCertificateFilter,
  parseSearchTerm,
} from './certificate-search.ts';
import { pendingApproval } from './certificate-status.ts';

export interface SearchQuery {
  readonly filter: ParsedCertificateFilter;
  readonly sort: CertificateSort;
  /** Rows to read: the page size + 1, to learn whether another page follows. */
  readonly limit: number;
  readonly after: CursorPosition | undefined;
  readonly withTotalCount: boolean;
  readonly now: Date;
  /** A consumer's organisation: only its certificates are visible. */
  readonly organisationScope: string | undefined;
}

const o = organisations;
const co = certificateOrganisations;

/** An organisation as the listing's JSON carries it: its dates as ISO strings. */
interface OrganisationJson {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

type SummaryField = (typeof CERTIFICATE_SUMMARY_FIELDS)[number];
type CertificateRow = typeof certificates.$inferSelect;

/**
 * A certificate as the listing's JSON carries it: the summary fields (dates as ISO strings), the
 * ids of every organisation it is associated with, in name order (the caller scopes them), and the
 * sort key of its cursor. The caller builds its node from it in one step.
 */
export type SearchRow = {
  readonly [K in SummaryField]: CertificateRow[K] extends Date
    ? string
    : CertificateRow[K] extends Date | null
      ? string | null
      : CertificateRow[K];
} & {
  readonly organisationIds: readonly string[];
  readonly sortKey: string;
  readonly pendingApproval: boolean;
};

export interface SearchResult {
  /** In page order. */
  readonly rows: readonly SearchRow[];
  /** The organisations the rows name, by id, in name order. */
  readonly organisations: ReadonlyMap<string, Organisation>;
  readonly totalCount: number | undefined;
}

const DAY_MS = 86_400_000;
// The NAME order: what a listing shows as the name, so unnamed certificates sort by their CN.
const nameKey = sql<string>`lower(coalesce(${certificates.name}, ${certificates.subjectCn}, ${certificates.tykId}))`;
// The EXPIRY order's key is notAfter itself: JSON carries a timestamp as ISO 8601 with every
// microsecond and the session's offset, which PostgreSQL reads back exactly. (Formatting it with
// to_char cost PGlite about a sixth of the page's statement.)
const expiryKey = sql<Date>`${certificates.notAfter}`;

// The summary columns under the names the model gives them, so each row arrives as JSON of the right
// shape. A certificate's organisations are read as an array of ids (an index-only scan per row) and
// the few organisations a page names are read once: aggregating each row's organisations as JSON
// cost PostgreSQL a hash join per row, about as much as the rest of the page.
const summaryColumns = sql.join(
  CERTIFICATE_SUMMARY_FIELDS.map((field) => sql`${certificates[field]} as ${sql.identifier(field)}`),
  sql`, `,
);
const organisationIds = sql`array(
  select ${co.organisationId} from ${co} where ${co.certificateId} = ${certificates.id}
)`;

/**
 * One page of certificates, the organisations they name and (with `withTotalCount`) the count of
 * every match, in ONE statement that answers one row of JSON values. JSON because mapping a page's
 * columns value by value cost the server more than PostgreSQL spent finding them; one JSON value per
 * page is parsed natively.
 */
export async function searchCertificates(db: Db, q: SearchQuery): Promise<SearchResult> {
  const matches = filterCondition(q);
  const where = and(matches, q.after ? afterCondition(q.after) : undefined);
  const sortKey = q.sort === 'NAME' ? nameKey : expiryKey;
  const [result] = await queryRows<{
    rows: (SearchRow & { organisationIds: string[] })[];
    organisations: OrganisationJson[];
    total: string | number | null;
  }>(
    db,
    sql`with page as (
      select ${summaryColumns}, ${organisationIds} as "organisationIds", ${sortKey} as "sortKey",
        ${pendingApproval} as "pendingApproval"
      from ${certificates} ${where ? sql`where ${where}` : sql``}
      order by ${sql.join(order(q.sort), sql`, `)}
      limit ${q.limit}
    )
    select
      (select coalesce(json_agg(page order by "sortKey", "id"), '[]'::json) from page) as rows,
      (select coalesce(json_agg(json_build_object(
          'id', ${o.id}, 'name', ${o.name}, 'createdAt', ${o.createdAt}, 'updatedAt', ${o.updatedAt})
          order by ${o.name}, ${o.id}), '[]'::json)
        from ${o} where ${o.id} in (select unnest("organisationIds") from page)) as organisations,
      ${q.withTotalCount ? sql`(select count(*) from ${certificates} ${matches ? sql`where ${matches}` : sql``})` : sql`null`} as total`,
    { prepared: true },
  );
  if (!result) throw new Error('the certificate listing answered no row');
  // The organisations arrive in name order (PostgreSQL's collation); each row's ids follow it.
  const rank = new Map(result.organisations.map((org, i) => [org.id, i]));
  for (const row of result.rows) sortByRank(row.organisationIds, rank);
  return {
    rows: result.rows,
    organisations: new Map(
      result.organisations.map((org) => [
        org.id,
        { ...org, createdAt: new Date(org.createdAt), updatedAt: new Date(org.updatedAt) },
      ]),
    ),
    totalCount: result.total === null ? undefined : Number(result.total),
  };
}

/**
 * Sorts a certificate's few organisation ids in place (the array was parsed for this call alone), by
 * insertion: Array.prototype.sort allocated a work area for every row with two organisations.
 */
function sortByRank(ids: string[], rank: ReadonlyMap<string, number>): void {
  for (let i = 1; i < ids.length; i++) {
    const id = ids[i]!;
    const r = rank.get(id) ?? 0;
    let j = i - 1;
    for (; j >= 0 && (rank.get(ids[j]!) ?? 0) > r; j--) ids[j + 1] = ids[j]!;
    ids[j + 1] = id;
  }
}

function order(sort: CertificateSort): SQL[] {
  return sort === 'NAME'
    ? [asc(nameKey), asc(certificates.id)]
    : [asc(certificates.notAfter), asc(certificates.id)];
}

// A row comparison, so PostgreSQL can start the (not_after, id) index scan right after the cursor.
function afterCondition(after: CursorPosition): SQL {
  return after.sort === 'NAME'
    ? sql`(${nameKey}, ${certificates.id}) > (${after.key}::text, ${after.id}::text)`
    : sql`(${certificates.notAfter}, ${certificates.id}) > (${after.key}::timestamptz, ${after.id}::text)`;
}

function filterCondition(q: SearchQuery): SQL | undefined {
  const f = q.filter;
  return and(
    f.providerId ? eq(certificates.providerId, f.providerId) : undefined,
    f.organisationId ? inOrganisation(f.organisationId) : undefined,
    q.organisationScope ? inOrganisation(q.organisationScope) : undefined,
    f.deleted === 'EXCLUDE' ? isNull(certificates.deletedAt) : undefined,
    f.deleted === 'ONLY' ? isNotNull(certificates.deletedAt) : undefined,
    f.status ? or(...f.status.map((s) => statusCondition(s, q.now))) : undefined,
    f.expiringWithinDays ? expiringWithin(q.now, f.expiringWithinDays) : undefined,
    f.search ? searchCondition(f.search) : undefined,
  );
}

function inOrganisation(organisationId: string): SQL {
  return exists(
    sql`(select 1 from ${certificateOrganisations} where ${certificateOrganisations.certificateId} = ${certificates.id} and ${certificateOrganisations.organisationId} = ${organisationId})`,
  );
}

/**
 * The SQL twin of `portalStatus(certificateStatus(...))`: notAfter inclusive, the warning window
 * inclusive; expired wins over waiting for approval, which wins over the other validity states.
 */
function statusCondition(status: string, now: Date): SQL | undefined {
  const horizon = new Date(now.getTime() + DEFAULT_EXPIRY_WARNING_DAYS * DAY_MS);
  const started = lte(certificates.notBefore, now);
  const notPending = sql`not ${pendingApproval}`;
  switch (status) {
    case 'EXPIRED':
      return lt(certificates.notAfter, now);
    case 'PENDING_APPROVAL':
      return and(gte(certificates.notAfter, now), pendingApproval);
    case 'NOT_YET_VALID':
      return and(gt(certificates.notBefore, now), notPending);
    case 'EXPIRING_SOON':
      return and(started, gte(certificates.notAfter, now), lte(certificates.notAfter, horizon), notPending);
    default:
      return and(started, gt(certificates.notAfter, horizon), notPending);
  }
}

/** In its validity period at `now` and ending within `days` days (both ends inclusive). */
function expiringWithin(now: Date, days: number): SQL | undefined {
  const horizon = new Date(now.getTime() + days * DAY_MS);
  return and(
    lte(certificates.notBefore, now),
    gte(certificates.notAfter, now),
    lte(certificates.notAfter, horizon),
  );
}

// Each arm can use its own index (sha256/sha1 btree, the lower(...) text_pattern_ops indexes, the
// SAN GIN index), so PostgreSQL can combine them with a BitmapOr instead of scanning the table.
function searchCondition(search: string): SQL | undefined {
  if (search === '') return undefined;
  const term = parseSearchTerm(search);
  const fp = term.fingerprint;
  const byFingerprint =
    fp === undefined
      ? undefined
      : fp.algorithm === 'SHA-1'
        ? eq(certificates.sha1, fp.hex)
        : and(
            eq(certificates.sha256, fp.hex),
            fp.orgId === undefined ? undefined : eq(certificates.tykId, `${fp.orgId}${fp.hex}`),
          );
  const byPrefix =
    term.fingerprintPrefix === undefined
      ? undefined
      : or(
          like(certificates.sha256, `${term.fingerprintPrefix}%`),
          like(certificates.sha1, `${term.fingerprintPrefix}%`),
        );
  return or(
    byFingerprint,
    byPrefix,
    like(sql`lower(${certificates.name})`, term.prefixPattern),
    like(sql`lower(${certificates.subjectCn})`, term.prefixPattern),
    arrayOverlaps(certificates.subjectAltNames, [...term.sanEntries]),
  );
}
