import { getColumns } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './open-database.ts';

/** PostgreSQL's protocol counts bind parameters in 16 bits; one statement can carry no more. */
export const MAX_BIND_PARAMETERS = 65_535;

/** How many rows of `table` fit in one INSERT: Drizzle sends a parameter per column per row at most. */
export function maxRowsPerInsert(table: PgTable): number {
  return Math.max(1, Math.floor(MAX_BIND_PARAMETERS / Object.keys(getColumns(table)).length));
}

/**
 * Inserts any number of rows in as few statements as the parameter limit allows (10,000
 * certificates: 5 statements), inside one transaction so that either all rows land or none.
 * A single `insert().values(rows)` fails outright beyond the limit.
 */
export async function insertMany<TTable extends PgTable>(
  db: Db,
  table: TTable,
  rows: readonly PgInsertValue<TTable>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const size = maxRowsPerInsert(table);
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += size) {
      await tx.insert(table).values(rows.slice(start, start + size));
    }
  });
  return rows.length;
}
