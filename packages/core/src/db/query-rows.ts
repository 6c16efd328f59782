import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './open-database.ts';

/** Renders a statement to text and parameters, as the database's own dialect does (no casing set). */
const dialect = new PgDialect();

/**
 * The rows of a hand-written statement, whichever driver runs it: postgres.js answers an array of
 * rows, PGlite an object holding them. For statements Drizzle's query builder cannot express.
 *
 * `prepared` asks for a named server-side statement, for the hot read paths: Drizzle's `execute`
 * never prepares (`prepare: false` on postgres.js), so PostgreSQL parsed and planned the
 * certificate listing on every request. postgres.js keeps one prepared statement per connection
 * and statement text; PGlite ignores the name. The statement still passes the query logger.
 */
export async function queryRows<T>(
  db: Db,
  statement: SQL,
  options: { prepared?: boolean } = {},
): Promise<T[]> {
  const result = (
    options.prepared
      ? await db._.session.prepareQuery(dialect.sqlToQuery(statement), 'raw', true).execute()
      : await db.execute(statement)
  ) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
