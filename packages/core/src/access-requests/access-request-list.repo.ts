import { and, desc, eq, getColumns, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { instantText } from '../db/instant-text.ts';
import type { Db } from '../db/open-database.ts';
import { type AccessRequestStatus, accessRequests } from '../db/schema/access-requests.ts';
import { apps } from '../db/schema/apps.ts';
import type { KeysetPosition } from '../keyset-page.ts';
import type { AccessRequest } from './access-request.ts';

export interface AccessRequestPageQuery {
  /** A consumer's organisation: only its requests are visible. */
  readonly scope: string | undefined;
  /** Only this organisation's requests (with `scope`, both must hold: another's gives nothing). */
  readonly organisationId?: string;
  readonly appId?: string;
  readonly productId?: string;
  /** Any of these statuses; an empty list matches nothing. */
  readonly statuses?: readonly AccessRequestStatus[];
  /** Inclusive. */
  readonly createdFrom?: Date;
  /** Exclusive. */
  readonly createdTo?: Date;
  /** The last row of the previous page: `createdAt` as exact ISO text (microseconds), and its id. */
  readonly after: KeysetPosition | undefined;
  /** Rows to read: the page size + 1, to learn whether another page follows. */
  readonly limit: number;
}

const r = accessRequests;
const createdKey = instantText(r.createdAt);
const pageColumns = { ...getColumns(r), createdKey: createdKey.as('created_key') };
const newestFirst = [desc(r.createdAt), desc(r.id)];

/**
 * One page of access requests, newest first (`createdAt`, then id), in ONE statement, every filter
 * in SQL; `createdKey` is the cursor's instant.
 */
export function pageAccessRequests(
  db: Db,
  q: AccessRequestPageQuery,
): Promise<(AccessRequest & { createdKey: string })[]> {
  if (q.scope === undefined && q.organisationId === undefined)
    return db
      .select(pageColumns)
      .from(r)
      .where(matching(q))
      .orderBy(...newestFirst)
      .limit(q.limit);
  // The organisation is the app's. Joining apps to a scan of the whole keyset index would walk it
  // to the end for an organisation with few requests (0.5 s at 300,000 rows); instead each of the
  // organisation's apps contributes its own newest `limit` rows from (app_id, created_at, id), and
  // the page is the newest of those: at most apps × limit rows read, however large the table.
  const perApp = db
    .select(pageColumns)
    .from(r)
    .where(and(eq(r.appId, apps.id), matching(q)))
    .orderBy(...newestFirst)
    .limit(q.limit)
    .as('per_app');
  return db
    .select(perApp._.selectedFields)
    .from(apps)
    .crossJoinLateral(perApp)
    .where(
      and(
        q.scope === undefined ? undefined : eq(apps.organisationId, q.scope),
        q.organisationId === undefined ? undefined : eq(apps.organisationId, q.organisationId),
      ),
    )
    .orderBy(desc(perApp.createdAt), desc(perApp.id))
    .limit(q.limit);
}

/** Every condition on the request itself: filters and the cursor. */
function matching(q: AccessRequestPageQuery): SQL | undefined {
  return and(
    q.appId === undefined ? undefined : eq(r.appId, q.appId),
    q.productId === undefined ? undefined : eq(r.productId, q.productId),
    q.statuses === undefined
      ? undefined
      : q.statuses.length === 0
        ? sql`false`
        : inArray(r.status, [...q.statuses]),
    q.createdFrom === undefined ? undefined : gte(r.createdAt, q.createdFrom),
    q.createdTo === undefined ? undefined : lt(r.createdAt, q.createdTo),
    // A row comparison, so an index scan can start right after the cursor.
    q.after === undefined
      ? undefined
      : sql`(${r.createdAt}, ${r.id}) < (${q.after.key}::timestamptz, ${q.after.id}::text)`,
  );
}
