import type { Db } from '../db/open-database.ts';
import { newId } from '../ids.ts';
import { enqueueJobs } from '../jobs/job-queue.ts';
import { webhookJob } from '../webhooks/webhook-events.ts';

/** `count` queued certificate.expiring events, as a scan over that many certificates queues them (listing tests). */
export async function insertTestWebhookEvents(db: Db, count: number): Promise<void> {
  const config = { url: 'http://127.0.0.1:9/hooks', secret: 'test-only-webhook-secret' };
  await enqueueJobs(
    db,
    Array.from({ length: count }, (_, i) =>
      webhookJob(
        {
          id: newId('whe'),
          type: 'certificate.expiring',
          occurredAt: new Date().toISOString(),
          data: { certificateId: `crt_test_${i}` },
        },
        config,
      ),
    ),
  );
}
