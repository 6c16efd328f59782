import type { SQL } from 'drizzle-orm';
import type { Db } from './open-database.ts';

/**
 * The rows of a hand-written statement, whichever driver runs it: postgres.js answers an array of
 * rows, PGlite an object holding them. For statements Drizzle's query builder cannot express.
 */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
