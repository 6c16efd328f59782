import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './open-database.ts';

export type AdvisoryLockResult<T> =
  | { readonly acquired: true; readonly value: T }
  | { readonly acquired: false };

// Keys held by this process, per database object. PGlite has a single session, and PostgreSQL
// grants a session's advisory locks to that same session again, so the database alone cannot
// exclude two holders inside one process; this set does, identically on both drivers.
const heldKeys = new WeakMap<Db, Set<string>>();

/** The advisory lock number for a key: the first 64 bits of its SHA-256, as a signed bigint. */
export function advisoryLockId(key: string): bigint {
  return BigInt.asIntN(64, createHash('sha256').update(key).digest().readBigUInt64BE(0));
}

/**
 * Runs `fn` in a transaction that holds the advisory lock for `key`, or returns
 * `{ acquired: false }` at once when another holder (this process or any other connected to the
 * same PostgreSQL) has it. The lock is transaction-scoped (`pg_try_advisory_xact_lock`): it is
 * released when `fn` settles, and `fn`'s writes through `tx` commit or roll back with it.
 * Keep `fn` to database work (do slow Dashboard calls before taking the lock): on PGlite every other
 * query of the process waits for the open transaction, and on PostgreSQL it pins a pooled connection.
 */
export async function withAdvisoryLock<T>(
  db: Db,
  key: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<AdvisoryLockResult<T>> {
  let held = heldKeys.get(db);
  if (!held) {
    held = new Set();
    heldKeys.set(db, held);
  }
  if (held.has(key)) return { acquired: false };
  held.add(key);
  try {
    return await db.transaction(async (tx) => {
      const lockId = advisoryLockId(key).toString();
      const rows = await tx.execute<{ acquired: boolean }>(
        sql`SELECT pg_try_advisory_xact_lock(${lockId}::bigint) AS acquired`,
        'objects',
      );
      if (rows[0]?.acquired !== true) return { acquired: false } as const;
      return { acquired: true, value: await fn(tx) } as const;
    });
  } finally {
    held.delete(key);
  }
}
