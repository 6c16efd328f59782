import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './open-database.ts';

/** How long a claim lasts unless renewed: a crashed holder blocks its key at most this long. */
export const LEASE_LOCK_MS = 30_000;
/** How often a live holder renews its claim (well inside the lease). */
const RENEW_MS = 10_000;

export interface LeaseLockOptions {
  /** How long to wait for the key before throwing. */
  readonly waitMs: number;
  readonly leaseMs?: number;
  readonly renewMs?: number;
}

/**
 * Runs `fn` while holding the lease lock on `key` (a `lease_locks` row), across processes and
 * within one, without keeping a transaction open: `fn` may make slow Dashboard calls, and every
 * statement it makes commits on its own. The claim is renewed while `fn` runs and released when it
 * settles; a holder that died is taken over once its lease expires. Waits up to `waitMs` for a
 * taken key, then throws.
 */
export async function withLeaseLock<T>(
  db: Db,
  key: string,
  fn: () => Promise<T>,
  options: LeaseLockOptions,
): Promise<T> {
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? LEASE_LOCK_MS;
  const deadline = Date.now() + options.waitMs;
  while (!(await claim(db, key, owner, leaseMs))) {
    if (Date.now() > deadline) throw new Error(`The lock ${key} stayed taken for ${options.waitMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 25));
  }
  const renewal = setInterval(() => {
    renew(db, key, owner, leaseMs).catch(() => {}); // the next renewal retries
  }, options.renewMs ?? RENEW_MS);
  renewal.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renewal);
    await db.execute(sql`DELETE FROM lease_locks WHERE key = ${key} AND owner = ${owner}`);
  }
}

/** One statement: takes a free or expired key for `owner`; true when it now holds it. */
async function claim(db: Db, key: string, owner: string, leaseMs: number): Promise<boolean> {
  const rows = await db.execute<{ owner: string }>(
    sql`INSERT INTO lease_locks (key, owner, expires_at)
        VALUES (${key}, ${owner}, now() + make_interval(secs => ${leaseMs / 1000}))
        ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE lease_locks.expires_at < now()
        RETURNING owner`,
    'objects',
  );
  return rows[0]?.owner === owner;
}

async function renew(db: Db, key: string, owner: string, leaseMs: number): Promise<void> {
  await db.execute(
    sql`UPDATE lease_locks SET expires_at = now() + make_interval(secs => ${leaseMs / 1000})
        WHERE key = ${key} AND owner = ${owner}`,
  );
}
