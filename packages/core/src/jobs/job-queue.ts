import { sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { jobs } from '../db/schema/jobs.ts';
import { newId } from '../ids.ts';

export type Job = typeof jobs.$inferSelect;

/** One job to queue: its kind, payload and the key that keeps it single. */
export interface JobSpec {
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly dedupeKey: string;
  /** Attempts before the job is given up (default 5). */
  readonly maxAttempts?: number;
}

/**
 * Queues jobs, once per dedupe key, in one statement however many. Queuing a key again resets a
 * finished row to PENDING instead of adding a second job, so one request is never worked on twice
 * at once. A job RUNNING now keeps running and gets `rerun`: its worker puts it back to PENDING
 * when it finishes, so what was asked for mid-run is done after it, never dropped.
 */
export async function enqueueJobs(db: Db, specs: readonly JobSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const unique = [...new Map(specs.map((s) => [s.dedupeKey, s])).values()];
  await db
    .insert(jobs)
    .values(unique.map((s) => ({ id: newId('job'), ...s, status: 'PENDING' as const })))
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      set: {
        kind: sql`excluded.kind`,
        payload: sql`excluded.payload`,
        status: sql`CASE WHEN ${jobs.status} = 'RUNNING' THEN 'RUNNING' ELSE 'PENDING' END`,
        rerun: sql`${jobs.status} = 'RUNNING'`,
        attempts: sql`CASE WHEN ${jobs.status} = 'RUNNING' THEN ${jobs.attempts} ELSE 0 END`,
        runAfter: sql`now()`,
        lastError: null,
      },
    });
}

export function enqueueJob(
  db: Db,
  kind: string,
  payload: Record<string, unknown>,
  dedupeKey: string,
): Promise<void> {
  return enqueueJobs(db, [{ kind, payload, dedupeKey }]);
}

/**
 * Claims up to `limit` due jobs for `worker` with `FOR UPDATE SKIP LOCKED`: replicas polling at the
 * same time get disjoint sets. A RUNNING job whose lease (`locked_at`, renewed by its worker while
 * it runs) is older than `leaseMs` belongs to a dead worker and is claimable again.
 */
export async function claimJobs(db: Db, worker: string, limit: number, leaseMs: number): Promise<Job[]> {
  const rows = await db.execute<Record<string, unknown>>(
    sql`
    UPDATE jobs SET status = 'RUNNING', locked_by = ${worker}, locked_at = now(), attempts = attempts + 1,
      rerun = false, updated_at = now()
    WHERE id IN (
      SELECT id FROM jobs
      WHERE (status = 'PENDING' AND run_after <= now())
         OR (status = 'RUNNING' AND locked_at < now() - make_interval(secs => ${leaseMs / 1000}))
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

/** Renews the lease of the jobs `worker` is running, so no other worker reclaims them. */
export async function renewLeases(db: Db, worker: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`UPDATE jobs SET locked_at = now() WHERE locked_by = ${worker} AND status = 'RUNNING'
        AND id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}

export type JobOutcome =
  | { ok: true }
  | { ok: false; error: string }
  /** Not done yet (a Dashboard fault): try again after `delayMs`, up to the job's `maxAttempts`. */
  | { ok: false; error: string; retryAfterMs: number };

/**
 * Ends `worker`'s claim on a job, in the caller's transaction so the job's state changes together
 * with what the job did to the request. A job queued again while it ran goes back to PENDING.
 * Returns false when the worker no longer holds the job (its lease lapsed and another worker took
 * it over): the caller must then roll back, since the other worker's outcome is the one that counts.
 */
export async function finishJob(db: Db, id: string, worker: string, outcome: JobOutcome): Promise<boolean> {
  const retryMs = !outcome.ok && 'retryAfterMs' in outcome ? outcome.retryAfterMs : undefined;
  const error = outcome.ok ? null : outcome.error;
  const rows = await db.execute<Record<string, unknown>>(
    sql`
    UPDATE jobs SET
      status = CASE
        WHEN rerun THEN 'PENDING'
        WHEN ${outcome.ok} THEN 'SUCCEEDED'
        WHEN ${retryMs ?? null}::int IS NOT NULL AND attempts < max_attempts THEN 'PENDING'
        ELSE 'FAILED' END,
      run_after = CASE
        WHEN rerun THEN now()
        ELSE now() + make_interval(secs => ${(retryMs ?? 0) / 1000}) END,
      attempts = CASE WHEN rerun THEN 0 ELSE attempts END,
      rerun = false, locked_by = NULL, locked_at = NULL, last_error = ${error}, updated_at = now()
    WHERE id = ${id} AND locked_by = ${worker} AND status = 'RUNNING'
    RETURNING id`,
    'objects',
  );
  return rows.length > 0;
}
