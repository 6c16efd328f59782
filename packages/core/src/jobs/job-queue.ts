import { sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { jobs } from '../db/schema/jobs.ts';
import { newId } from '../ids.ts';

export type Job = typeof jobs.$inferSelect;

/**
 * Queues a job, once per dedupe key: queuing the key again (a retry) resets the existing row to
 * PENDING instead of adding a second job, so one request can never be provisioned twice at once.
 */
export async function enqueueJob(
  db: Db,
  kind: string,
  payload: Record<string, unknown>,
  dedupeKey: string,
): Promise<void> {
  await db
    .insert(jobs)
    .values({ id: newId('job'), kind, payload, dedupeKey, status: 'PENDING' })
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      set: {
        kind,
        payload,
        status: 'PENDING',
        attempts: 0,
        runAfter: sql`now()`,
        lockedBy: null,
        lockedAt: null,
        lastError: null,
      },
      // A job being worked on keeps going; its worker will see the request's state when it finishes.
      setWhere: sql`${jobs.status} <> 'RUNNING'`,
    });
}

/**
 * Claims up to `limit` due jobs for `worker` with `FOR UPDATE SKIP LOCKED`: replicas polling at the
 * same time get disjoint sets. Claims older than `staleMs` (a crashed worker) are claimable again.
 */
export async function claimJobs(db: Db, worker: string, limit: number, staleMs: number): Promise<Job[]> {
  const rows = await db.execute<Record<string, unknown>>(
    sql`
    UPDATE jobs SET status = 'RUNNING', locked_by = ${worker}, locked_at = now(), attempts = attempts + 1, updated_at = now()
    WHERE id IN (
      SELECT id FROM jobs
      WHERE (status = 'PENDING' AND run_after <= now())
         OR (status = 'RUNNING' AND locked_at < now() - make_interval(secs => ${staleMs / 1000}))
      ORDER BY run_after, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`,
    'objects',
  );
  if (rows.length === 0) return [];
  return db.query.jobs.findMany({
    where: { id: { in: rows.map((r) => String(r.id)) } },
    orderBy: { runAfter: 'asc' },
  });
}

export async function finishJob(
  db: Db,
  id: string,
  outcome: { ok: true } | { ok: false; error: string },
): Promise<void> {
  await db
    .update(jobs)
    .set(
      outcome.ok
        ? { status: 'SUCCEEDED', lockedBy: null, lockedAt: null, lastError: null }
        : { status: 'FAILED', lockedBy: null, lockedAt: null, lastError: outcome.error },
    )
    .where(sql`${jobs.id} = ${id}`);
}
