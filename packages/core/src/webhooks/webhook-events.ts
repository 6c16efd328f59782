import type { Db } from '../db/open-database.ts';
import { newId } from '../ids.ts';
import { enqueueJobs, type JobSpec } from '../jobs/job-queue.ts';

/*
 * Webhooks: the events an operator wants pushed (a certificate about to expire or gone, a grant
 * that lost access) are queued as jobs in the very transaction that records them, so an event is
 * never lost to a crash between the two: the job runner delivers each at least once, retrying
 * with backoff, and a receiver tells duplicates apart by the delivery id.
 */

/** Delivery jobs: run by the same job runner as provisioning (provisioning.service.ts). */
export const WEBHOOK_JOB = 'webhook.deliver';
/** About 15 minutes of retries with the runner's backoff (1 s doubling, at most a minute). */
export const WEBHOOK_MAX_ATTEMPTS = 20;

export const WEBHOOK_EVENT_TYPES = [
  'certificate.expiring',
  'certificate.expired',
  'certificate.soft_deleted',
  'access.lost',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Where events go, and the secret their HMAC-SHA256 signatures use. */
export interface WebhookConfig {
  readonly url: string;
  readonly secret: string;
  /** Per delivery attempt (default 10 s). */
  readonly timeoutMs?: number;
  /** Attempts before a delivery is given up as FAILED (default WEBHOOK_MAX_ATTEMPTS). */
  readonly maxAttempts?: number;
}

/** One event as POSTed: `id` is the same on every attempt, so receivers can drop duplicates. */
export interface WebhookEvent {
  readonly id: string;
  readonly type: WebhookEventType;
  readonly occurredAt: string;
  /** Portal ids (`crt_…`, `acr_…`), as core and the audit log name things. */
  readonly data: Record<string, unknown>;
}

/**
 * Queues events for delivery in the caller's transaction: one statement however many; nothing
 * when no webhook is configured.
 */
export async function enqueueWebhooks(
  tx: Db,
  config: WebhookConfig | undefined,
  events: readonly Omit<WebhookEvent, 'id'>[],
): Promise<void> {
  if (!config || events.length === 0) return;
  await enqueueJobs(
    tx,
    events.map((event) => webhookJob({ ...event, id: newId('whe') }, config)),
  );
}

/** The job that delivers `event`: keyed by its id, so queuing it again re-delivers the same event. */
export function webhookJob(event: WebhookEvent, config: WebhookConfig): JobSpec {
  return {
    kind: WEBHOOK_JOB,
    payload: { ...event },
    dedupeKey: `webhook:${event.id}`,
    maxAttempts: config.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS,
  };
}
