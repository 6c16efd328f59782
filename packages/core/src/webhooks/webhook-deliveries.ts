import { and, desc, eq, getColumns, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, isAdmin } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { instantText, isInstantText } from '../db/instant-text.ts';
import type { Db } from '../db/open-database.ts';
import { JOB_STATUSES, type JobStatus, jobs } from '../db/schema/jobs.ts';
import { DomainError, ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import { enqueueJobs } from '../jobs/job-queue.ts';
import { type KeysetConnection, type KeysetPage, keysetConnection, parseKeysetPage } from '../keyset-page.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import {
  WEBHOOK_JOB,
  type WebhookConfig,
  type WebhookEvent,
  type WebhookEventType,
  webhookJob,
} from './webhook-events.ts';

/*
 * What became of each webhook event: its delivery job, read as the operator's view of the
 * receiver (delivered, still being tried with the next attempt's time, or given up with the last
 * error), and a redelivery that queues the same event, same id, again. A receiver that was down
 * for longer than the retries last loses nothing that an admin cannot send again.
 */

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const WEBHOOK_ERROR_CODES = {
  WEBHOOKS_NOT_CONFIGURED: 'No webhook URL is configured (MTLS_WEBHOOK_URL): nothing can be delivered.',
} as const;

/** A redelivery asked of a server without a webhook URL. */
export class WebhooksNotConfiguredError extends DomainError {
  readonly code = 'WEBHOOKS_NOT_CONFIGURED' as const;
  constructor() {
    super('No webhook URL is configured (MTLS_WEBHOOK_URL): set it to deliver events.');
  }
}

export interface WebhookDelivery {
  /** The event's id (`whe_…`), the same on every attempt and redelivery. */
  readonly id: string;
  readonly type: WebhookEventType;
  readonly occurredAt: Date;
  readonly data: Record<string, unknown>;
  /** PENDING while attempts remain (RUNNING included), DELIVERED once a 2xx came back, FAILED when they ran out. */
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly maxAttempts: number;
  /** Why the last attempt failed; null once delivered. */
  readonly lastError: string | null;
  /** When the next attempt is due, while PENDING. */
  readonly nextAttemptAt: Date | null;
  /** When the event was queued, and when its delivery last changed. */
  readonly queuedAt: Date;
  readonly updatedAt: Date;
}

const deliveryFilter = z.object({
  /** Any of these statuses; an empty list matches nothing. */
  status: z.array(z.enum(WEBHOOK_DELIVERY_STATUSES)).optional(),
});
export type WebhookDeliveryFilter = z.input<typeof deliveryFilter>;

/** The delivery status of each job status: the one mapping, read both ways. */
const STATUS_OF_JOB: Record<JobStatus, WebhookDeliveryStatus> = {
  PENDING: 'PENDING',
  RUNNING: 'PENDING',
  SUCCEEDED: 'DELIVERED',
  FAILED: 'FAILED',
};
const jobStatusesOf = (status: WebhookDeliveryStatus) =>
  JOB_STATUSES.filter((job) => STATUS_OF_JOB[job] === status);

const createdKey = instantText(jobs.createdAt);

/**
 * A page of deliveries, newest first (queued at, then id), in one statement with a keyset cursor.
 * Admins only. Errors: FORBIDDEN, INVALID_INPUT (the filter, `first`, or a foreign `after`).
 */
export async function listDeliveries(
  db: Db,
  filter: WebhookDeliveryFilter,
  page: KeysetPage,
  actor: Actor,
): Promise<Result<KeysetConnection<WebhookDelivery>, ForbiddenError | InvalidInputError>> {
  if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins read webhook deliveries.'));
  const f = parseInput(deliveryFilter, filter);
  if (!f.ok) return f;
  const p = parseKeysetPage('webhookDeliveries', page, isInstantText);
  if (!p.ok) return p;
  const statuses = f.value.status?.flatMap(jobStatusesOf);
  const after = p.value.after;
  const rows = await db
    .select({ ...getColumns(jobs), createdKey: createdKey.as('created_key') })
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, WEBHOOK_JOB),
        statuses === undefined
          ? undefined
          : statuses.length === 0
            ? sql`false`
            : inArray(jobs.status, statuses),
        // A row comparison, so the partial index scan starts right after the cursor.
        after === undefined
          ? undefined
          : sql`(${jobs.createdAt}, ${jobs.id}) < (${after.key}::timestamptz, ${after.id}::text)`,
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(p.value.first + 1);
  return Ok(
    keysetConnection('webhookDeliveries', rows, p.value.first, ({ createdKey, ...row }) => ({
      position: { key: createdKey, id: row.id },
      node: toDelivery(row),
    })),
  );
}

/** How many deliveries are in each status, in one statement (for /metrics). Admins only. */
export async function countDeliveries(
  db: Db,
  actor: Actor,
): Promise<Result<Record<WebhookDeliveryStatus, number>, ForbiddenError>> {
  if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins read webhook deliveries.'));
  const rows = await db
    .select({ status: jobs.status, count: sql<number>`count(*)::int` })
    .from(jobs)
    .where(eq(jobs.kind, WEBHOOK_JOB))
    .groupBy(jobs.status);
  const counts: Record<WebhookDeliveryStatus, number> = { PENDING: 0, DELIVERED: 0, FAILED: 0 };
  for (const row of rows) counts[STATUS_OF_JOB[row.status]] += Number(row.count);
  return Ok(counts);
}

/** Deliveries by event id, for node loads (admins; a consumer gets none). */
export async function deliveriesByIds(
  db: Db,
  ids: readonly string[],
  actor: Actor,
): Promise<WebhookDelivery[]> {
  if (!isAdmin(actor) || ids.length === 0) return [];
  const rows = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, WEBHOOK_JOB),
        inArray(
          jobs.dedupeKey,
          ids.map((id) => `webhook:${id}`),
        ),
      ),
    );
  return rows.map(toDelivery);
}

/**
 * Queues the event again, same id, with a fresh set of attempts due now (a delivery being tried
 * is tried again once this attempt ends). Admins only; audited. Errors: FORBIDDEN, NOT_FOUND,
 * WEBHOOKS_NOT_CONFIGURED.
 */
export async function redeliver(
  db: Db,
  config: WebhookConfig | undefined,
  id: string,
  actor: Actor,
): Promise<Result<WebhookDelivery, ForbiddenError | NotFoundError | WebhooksNotConfiguredError>> {
  if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins redeliver webhook events.'));
  if (!config) return Err(new WebhooksNotConfiguredError());
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, WEBHOOK_JOB), eq(jobs.dedupeKey, `webhook:${id}`)))
      .for('update');
    if (!row) return Err(new NotFoundError('webhook delivery', id, ['deliveryId']));
    const before = toDelivery(row);
    await enqueueJobs(tx, [webhookJob(eventOf(row), config)]);
    await recordAudit(tx, actor, [
      {
        action: 'webhook.redeliver',
        subjectType: 'webhook_event',
        subjectId: id,
        before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
        after: { status: 'PENDING' },
      },
    ]);
    const [again] = await tx.select().from(jobs).where(eq(jobs.id, row.id));
    return Ok(toDelivery(again!));
  });
}

type JobRow = typeof jobs.$inferSelect;

function eventOf(row: JobRow): WebhookEvent {
  return row.payload as unknown as WebhookEvent;
}

function toDelivery(row: JobRow): WebhookDelivery {
  const event = eventOf(row);
  const status = STATUS_OF_JOB[row.status];
  return {
    id: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt),
    data: event.data,
    status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    lastError: status === 'DELIVERED' ? null : row.lastError,
    nextAttemptAt: status === 'PENDING' ? row.runAfter : null,
    queuedAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
