import { sql } from 'drizzle-orm';
import { check, type ExtraConfigColumn, snakeCase, text, timestamp } from 'drizzle-orm/pg-core';
import { type IdPrefix, newId } from '../../ids.ts';

/**
 * Every table is declared through this: camelCase keys in TypeScript, snake_case columns in SQL.
 * (drizzle-orm 1.0 moved `casing` from `drizzle()` to the table builder.)
 */
export const table = snakeCase.table;

/** Text primary key holding a prefixed, time-sortable id (`crt_01j…`, see ids.ts). */
export const idColumn = (prefix: IdPrefix) =>
  text()
    .primaryKey()
    .$defaultFn(() => newId(prefix));

/** A timestamp with time zone that reads and writes `Date`. */
export const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/** Row lifecycle dates; `updatedAt` is bumped by Drizzle on every update made through the builder. */
export const lifecycleDates = {
  createdAt: instant().notNull().defaultNow(),
  updatedAt: instant()
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

/**
 * Closed value sets are `text` + a CHECK rather than `pgEnum`: a CHECK can be replaced inside the
 * migrator's transaction, while `ALTER TYPE … ADD VALUE` cannot be used in the transaction that adds it.
 */
export function oneOf(name: string, column: ExtraConfigColumn, values: readonly string[]) {
  const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
  return check(name, sql`${column} IN (${sql.raw(list)})`);
}

/** Lowercase hex of a given length (fingerprints, token hashes). */
export function hexCheck(name: string, column: ExtraConfigColumn, length: number) {
  return check(name, sql`${column} ~ ${sql.raw(`'^[0-9a-f]{${length}}$'`)}`);
}
