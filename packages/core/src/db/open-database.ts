import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import type { PgAsyncDatabase, PgAsyncTransaction, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { type Relations, relations } from './relations.ts';

/** The Drizzle database both drivers produce; repositories take this (a transaction is one too). */
export type Db = PgAsyncDatabase<PgQueryResultHKT, Relations>;
/** A transaction handed to `db.transaction(fn)`; usable wherever a {@link Db} is. */
export type Tx = PgAsyncTransaction<PgQueryResultHKT, Relations>;
export type Dialect = 'pglite' | 'postgres';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent the database is embedded PGlite. */
  url?: string;
  /** PGlite data directory; absent = in memory. Ignored with `url`. */
  dataDir?: string;
  /**
   * PGlite only: start from a {@link migratedPgliteSnapshot} instead of an empty cluster, which
   * skips PGlite's initdb (about 3 s of a 4 s open). Ignored with `url`.
   */
  snapshot?: Blob;
  /** Size of the postgres.js connection pool (default 10). Ignored for PGlite, which has one connection. */
  max?: number;
  /** Called with the SQL text of every statement Drizzle sends (not the migrations'), e.g. to count them. */
  onQuery?: (sql: string) => void;
}

export interface Database {
  readonly db: Db;
  readonly dialect: Dialect;
  /** Ends the pool or shuts PGlite down; the database object is unusable afterwards. */
  close(): Promise<void>;
}

/** The committed drizzle-kit migrations (`packages/core/drizzle`). */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

// Any fixed 64-bit number shared by every replica; only migrations take it.
const MIGRATION_LOCK_KEY = 7_036_874_417_766_400n;

/**
 * Opens the portal's database and brings its schema up to date: PostgreSQL through postgres.js
 * when `url` is given, otherwise embedded PGlite. Infrastructure faults (unreachable server, failed
 * migration) are thrown.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const logger: Logger | undefined = options.onQuery
    ? { logQuery: (query) => options.onQuery?.(query) }
    : undefined;
  if (options.url) return openPostgres(options.url, options.max ?? 10, logger);
  return openPglite(options.dataDir, options.snapshot, logger);
}

/** A `dumpDataDir()` of a freshly migrated in-memory PGlite: a template for fast in-memory opens. */
export async function migratedPgliteSnapshot(): Promise<Blob> {
  const client = await PGlite.create();
  try {
    await migratePglite(drizzlePglite({ client, relations }), { migrationsFolder });
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

async function openPglite(
  dataDir: string | undefined,
  snapshot: Blob | undefined,
  logger: Logger | undefined,
): Promise<Database> {
  const client = await PGlite.create(dataDir, snapshot ? { loadDataDir: snapshot } : {});
  try {
    await migratePglite(drizzlePglite({ client, relations }), { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  const db = drizzlePglite({ client, relations, logger });
  return { db, dialect: 'pglite', close: () => client.close() };
}

async function openPostgres(url: string, max: number, logger: Logger | undefined): Promise<Database> {
  await migratePostgresExclusively(url);
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres({ client, relations, logger });
  return { db, dialect: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/**
 * Drizzle's migrator takes no lock, so replicas starting together would both apply the same
 * migration. A one-connection client holds a session advisory lock around it: the second replica
 * waits, then finds nothing left to apply.
 */
async function migratePostgresExclusively(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    await migratePostgres(drizzlePostgres({ client, relations }), { migrationsFolder });
  } finally {
    // Ending the only connection releases the session lock even if the unlock is never sent.
    await client.end({ timeout: 5 });
  }
}
