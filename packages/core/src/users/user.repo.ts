import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { type UserRole, users } from '../db/schema/users.ts';
import type { KeysetPosition } from '../keyset-page.ts';

/** Every column but the token hash, which never leaves core. */
export const publicUserColumns = {
  id: users.id,
  role: users.role,
  organisationId: users.organisationId,
  name: users.name,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export interface UserPageQuery {
  /** A consumer's own organisation: only its users are read. */
  readonly scope: string | undefined;
  /** Only this organisation's users (with `scope`, both must hold: another's gives nothing). */
  readonly organisationId: string | undefined;
  readonly role: UserRole | undefined;
  readonly after: KeysetPosition | undefined;
  /** Rows to read: the page size + 1, to learn whether another page follows. */
  readonly limit: number;
}

/** `limit` users by name (then id) after `after`, in ONE statement, filtered in SQL. */
export function pageUsers(db: Db, q: UserPageQuery) {
  return db
    .select(publicUserColumns)
    .from(users)
    .where(
      and(
        q.scope === undefined ? undefined : eq(users.organisationId, q.scope),
        q.organisationId === undefined ? undefined : eq(users.organisationId, q.organisationId),
        q.role === undefined ? undefined : eq(users.role, q.role),
        q.after === undefined
          ? undefined
          : sql`(${users.name}, ${users.id}) > (${q.after.key}::text, ${q.after.id}::text)`,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(q.limit);
}
