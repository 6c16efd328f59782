import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, text } from 'drizzle-orm/pg-core';
import { idColumn, instant, lifecycleDates, oneOf, table } from './_columns.ts';

export const JOB_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Durable work queue (approval provisioning, on-demand syncs). Workers claim PENDING rows that are
 * due with `FOR UPDATE SKIP LOCKED`, so several server replicas never run the same job twice.
 */
export const jobs = table(
  'jobs',
  {
    id: idColumn('job'),
    /** What to run, e.g. `access_request.provision`. */
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: text({ enum: JOB_STATUSES }).notNull().default('PENDING'),
    attempts: integer().notNull().default(0),
    /** After this many failed attempts the job stays FAILED until retried by hand. */
    maxAttempts: integer().notNull().default(5),
    /** Not claimed before this instant (backoff between attempts). */
    runAfter: instant().notNull().defaultNow(),
    /** Set exactly while RUNNING: the worker that claimed it and when (stale claims can be reclaimed). */
    lockedBy: text(),
    lockedAt: instant(),
    lastError: text(),
    /**
     * Set when the job was queued again while RUNNING: the finishing worker puts it back to PENDING
     * instead of ending it, so a retry or reconciliation asked for mid-run is never dropped.
     */
    rerun: boolean().notNull().default(false),
    /**
     * Unique when set: at most one job per key, ever (e.g. `provision:acr_…`). Re-running a finished
     * job resets its row instead of inserting, so `ON CONFLICT (dedupe_key) DO NOTHING` is safe.
     */
    dedupeKey: text().unique(),
    ...lifecycleDates,
  },
  (t) => [
    oneOf('jobs_status_valid', t.status, JOB_STATUSES),
    check(
      'jobs_locked_iff_running',
      sql`(${t.status} = 'RUNNING') = (${t.lockedBy} IS NOT NULL AND ${t.lockedAt} IS NOT NULL)`,
    ),
    check('jobs_attempts_valid', sql`${t.attempts} >= 0 AND ${t.maxAttempts} >= 1`),
    // The poll: WHERE status = 'PENDING' AND run_after <= now()
    //           ORDER BY run_after, id LIMIT n FOR UPDATE SKIP LOCKED.
    index('jobs_pending_run_after_idx').on(t.runAfter, t.id).where(sql`${t.status} = 'PENDING'`),
    // Webhook deliveries, newest first (webhooks/webhook-deliveries.ts).
    index('jobs_webhook_created_at_id_idx').on(t.createdAt, t.id).where(sql`${t.kind} = 'webhook.deliver'`),
    // Reclaiming claims of crashed workers.
    index('jobs_running_locked_at_idx').on(t.lockedAt).where(sql`${t.status} = 'RUNNING'`),
  ],
);
