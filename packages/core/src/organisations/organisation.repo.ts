import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { organisations } from '../db/schema/organisations.ts';
import type { KeysetPosition } from '../keyset-page.ts';

export type OrganisationRow = typeof organisations.$inferSelect;

export interface OrganisationPageQuery {
  /** A consumer's own organisation: nothing else is read. */
  readonly scope: string | undefined;
  /** Part of the name, any case. */
  readonly search: string | undefined;
  readonly after: KeysetPosition | undefined;
  /** Rows to read: the page size + 1, to learn whether another page follows. */
  readonly limit: number;
}

/** `limit` organisations by name (then id) after `after`, in ONE statement, filtered in SQL. */
export function pageOrganisations(db: Db, q: OrganisationPageQuery): Promise<OrganisationRow[]> {
  return db
    .select()
    .from(organisations)
    .where(
      and(
        q.scope === undefined ? undefined : eq(organisations.id, q.scope),
        // strpos, not LIKE: the term is matched literally, with no wildcards to escape.
        q.search === undefined
          ? undefined
          : sql`strpos(lower(${organisations.name}), lower(${q.search}::text)) > 0`,
        q.after === undefined
          ? undefined
          : sql`(${organisations.name}, ${organisations.id}) > (${q.after.key}::text, ${q.after.id}::text)`,
      ),
    )
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(q.limit);
}
