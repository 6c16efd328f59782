import {
  and,
  arrayOverlaps,
  asc,
  count,
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
import { certificateOrganisations, certificates } from '../db/schema/certificates.ts';
import { organisations } from '../db/schema/organisations.ts';
import { CERTIFICATE_SUMMARY_FIELDS } from './certificate.ts';
import {
  type CertificateSort,
  type CursorPosition,
  type ParsedCertificateFilter,
  parseSearchTerm,
} from './certificate-search.ts';

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

// What a listing reads: the summary columns, the certificate's organisations (as one JSON value, so
// a page with its organisations is still one statement) and the sort key of its cursor.
const o = organisations;
const co = certificateOrganisations;
const organisationsJson = sql<ListedOrganisation[]>`coalesce((
  select json_agg(
    json_build_object('id', ${o.id}, 'name', ${o.name}, 'createdAt', ${o.createdAt}, 'updatedAt', ${o.updatedAt})
    order by ${o.name}, ${o.id})
  from ${co} join ${o} on ${o.id} = ${co.organisationId}
  where ${co.certificateId} = ${certificates.id}
), '[]'::json)`;
const listingColumns = {
  ...Object.fromEntries(CERTIFICATE_SUMMARY_FIELDS.map((field) => [field, certificates[field]])),
  organisations: organisationsJson,
} as {
  [K in (typeof CERTIFICATE_SUMMARY_FIELDS)[number]]: (typeof certificates)[K];
} & { organisations: SQL<ListedOrganisation[]> };

/** An organisation as JSON carries it: its dates as ISO strings. */
export interface ListedOrganisation {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type SearchRow = {
  readonly [K in (typeof CERTIFICATE_SUMMARY_FIELDS)[number]]: (typeof certificates.$inferSelect)[K];
} & { readonly organisations: ListedOrganisation[]; readonly sortKey: string };

const DAY_MS = 86_400_000;
// The NAME order: what a listing shows as the name, so unnamed certificates sort by their CN.
const nameKey = sql<string>`lower(coalesce(${certificates.name}, ${certificates.subjectCn}, ${certificates.tykId}))`;
// ISO 8601 in UTC with microseconds, so the cursor is exact whatever the session's time zone.
const expiryKey = sql<string>`to_char(${certificates.notAfter} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of certificates in ONE statement; with `withTotalCount` the count rides in the same
 * statement (the page is left-joined to the count, so an empty page still carries it).
 */
export async function searchCertificates(
  db: Db,
  q: SearchQuery,
): Promise<{ rows: SearchRow[]; totalCount: number | undefined }> {
  const matches = filterCondition(q);
  const sortKey = q.sort === 'NAME' ? nameKey : expiryKey;
  const page = db
    .select({
      ...listingColumns,
      organisations: listingColumns.organisations.as('organisations'),
      sortKey: sortKey.as('sort_key'),
    })
    .from(certificates)
    .where(and(matches, q.after ? afterCondition(q.after) : undefined))
    .orderBy(...order(q.sort))
    .limit(q.limit);
  if (!q.withTotalCount) return { rows: await page, totalCount: undefined };
  const total = db
    .select({ n: count().as('n') })
    .from(certificates)
    .where(matches)
    .as('total');
  const paged = page.as('page');
  const pagedFields = Object.fromEntries(
    [...Object.keys(listingColumns), 'sortKey'].map((key) => [key, paged[key as keyof typeof paged]]),
  ) as unknown as typeof paged._.selectedFields;
  const joined = await db
    .select({ n: total.n, row: pagedFields })
    .from(total)
    .leftJoin(paged, sql`true`)
    .orderBy(q.sort === 'NAME' ? asc(paged.sortKey) : asc(paged.notAfter), asc(paged.id));
  const rows = joined.flatMap((r) => (r.row === null ? [] : [r.row as SearchRow]));
  return { rows, totalCount: Number(joined[0]?.n ?? 0) };
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
    f.status ? or(...f.status.map((s) => statusCondition(s, q.now, f.expiringWithinDays))) : undefined,
    f.search ? searchCondition(f.search) : undefined,
  );
}

function inOrganisation(organisationId: string): SQL {
  return exists(
    sql`(select 1 from ${certificateOrganisations} where ${certificateOrganisations.certificateId} = ${certificates.id} and ${certificateOrganisations.organisationId} = ${organisationId})`,
  );
}

/** The SQL twin of x509 `certificateStatus`: notAfter inclusive, the warning window inclusive. */
function statusCondition(status: string, now: Date, warningDays: number): SQL | undefined {
  const horizon = new Date(now.getTime() + warningDays * DAY_MS);
  const started = lte(certificates.notBefore, now);
  switch (status) {
    case 'NOT_YET_VALID':
      return gt(certificates.notBefore, now);
    case 'EXPIRED':
      return lt(certificates.notAfter, now);
    case 'EXPIRING_SOON':
      return and(started, gte(certificates.notAfter, now), lte(certificates.notAfter, horizon));
    default:
      return and(started, gt(certificates.notAfter, horizon));
  }
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
  return or(
    byFingerprint,
    like(sql`lower(${certificates.name})`, term.prefixPattern),
    like(sql`lower(${certificates.subjectCn})`, term.prefixPattern),
    arrayOverlaps(certificates.subjectAltNames, [...term.sanEntries]),
  );
}
