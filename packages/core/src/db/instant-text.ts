import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

// An instant as exact text, for keyset cursors: a JavaScript Date keeps milliseconds only, so a
// cursor carries the database's own text of the instant to resume exactly after it, and the text
// is checked before it is cast back to `timestamptz`, where a forged one would be a database error
// rather than a refusal.

/** The column in UTC with microseconds: `2031-01-01T00:00:00.123456Z`. */
export function instantText(column: PgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Exactly what {@link instantText} writes, as an instant PostgreSQL can read back. */
export function isInstantText(key: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(key) && isReadableTimestamp(key);
}

// A timestamp as PostgreSQL writes one in JSON: up to six fractional digits and an offset.
const JSON_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2}){0,2})$/;

/** A timestamp as PostgreSQL writes one in JSON (any offset), as an instant it can read back. */
export function isJsonTimestampText(key: string): boolean {
  return JSON_TIMESTAMP.test(key) && isReadableTimestamp(key);
}

// Date takes year 0000 and offsets up to ±23:59; PostgreSQL has no year 0 (1 BC precedes 1 AD)
// and refuses offsets past ±15:59:59.
const MAX_OFFSET_HOURS = 15;

function isReadableTimestamp(key: string): boolean {
  if (Number.isNaN(Date.parse(key))) return false;
  if (key.startsWith('0000')) return false;
  const offsetHours = /[+-](\d{2})(:\d{2}){0,2}$/.exec(key)?.[1];
  if (offsetHours !== undefined && Number(offsetHours) > MAX_OFFSET_HOURS) return false;
  // Date rolls 30 February over to 2 March; PostgreSQL refuses it.
  const day = key.slice(0, 10);
  return new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
}
