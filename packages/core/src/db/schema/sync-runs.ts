import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, text } from 'drizzle-orm/pg-core';
import { idColumn, instant, oneOf, table } from './_columns.ts';
import { providers } from './providers.ts';

export const SYNC_RUN_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'HELD', 'DISCARDED'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export const SYNC_TRIGGERS = ['SCHEDULE', 'MANUAL'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

/** One reconciliation of a provider's certificate store with the portal's records. */
export const syncRuns = table(
  'sync_runs',
  {
    id: idColumn('syn'),
    /** Cascade: runs are history of the provider and mean nothing without it. */
    providerId: text()
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    status: text({ enum: SYNC_RUN_STATUSES }).notNull().default('RUNNING'),
    trigger: text({ enum: SYNC_TRIGGERS }).notNull(),
    added: integer().notNull().default(0),
    restored: integer().notNull().default(0),
    softDeleted: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    /** Pages of the listing read, kept so that the run's last event (and a late subscriber) still has them. */
    pagesFetched: integer().notNull().default(0),
    /** Pages in the listing; unknown until the first page arrives. */
    pagesTotal: integer(),
    /** Set when FAILED: why nothing was applied. */
    error: text(),
    startedAt: instant().notNull().defaultNow(),
    /** Set once the run leaves RUNNING/HELD. */
    finishedAt: instant(),
    durationMs: integer(),
    /** Set when HELD: the diff awaiting an admin's confirmation, applied as-is if confirmed. */
    heldPlan: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    oneOf('sync_runs_status_valid', t.status, SYNC_RUN_STATUSES),
    oneOf('sync_runs_trigger_valid', t.trigger, SYNC_TRIGGERS),
    check(
      'sync_runs_counts_non_negative',
      sql`${t.added} >= 0 AND ${t.restored} >= 0 AND ${t.softDeleted} >= 0 AND ${t.unchanged} >= 0`,
    ),
    check(
      'sync_runs_pages_non_negative',
      sql`${t.pagesFetched} >= 0 AND (${t.pagesTotal} IS NULL OR ${t.pagesTotal} >= 0)`,
    ),
    check('sync_runs_failed_has_error', sql`${t.status} <> 'FAILED' OR ${t.error} IS NOT NULL`),
    check('sync_runs_held_has_plan', sql`${t.status} <> 'HELD' OR ${t.heldPlan} IS NOT NULL`),
    check(
      'sync_runs_finished_when_final',
      sql`(${t.status} IN ('SUCCEEDED', 'FAILED', 'DISCARDED')) = (${t.finishedAt} IS NOT NULL)`,
    ),
    // Newest first (scanned backwards), of one provider or of all: the keyset listing's order, so
    // a page reads its rows from the index right after the cursor however many runs there are.
    // Ascending on purpose: `ORDER BY … DESC` puts NULLs first, which a `DESC NULLS LAST` index
    // does not serve.
    index('sync_runs_provider_id_started_at_id_idx').on(t.providerId, t.startedAt, t.id),
    index('sync_runs_started_at_id_idx').on(t.startedAt, t.id),
  ],
);
