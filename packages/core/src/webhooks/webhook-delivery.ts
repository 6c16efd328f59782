import { createHmac } from 'node:crypto';
import type { WebhookConfig, WebhookEvent } from './webhook-events.ts';

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (Stripe's scheme). */
export const SIGNATURE_HEADER = 'x-mtls-portal-signature';

/** The v1 signature of `body` sent at `timestamp` (unix seconds). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * POSTs one event, signed; any 2xx is delivered. A network error, a timeout or any other status is
 * the Err the runner retries. Redirects are not followed: a signed event goes where it was told.
 */
export async function deliverWebhook(
  config: WebhookConfig,
  event: WebhookEvent,
  now: Date,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await fetch(config.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'mtls-portal-webhooks',
        'x-mtls-portal-event': event.type,
        'x-mtls-portal-delivery': event.id,
        [SIGNATURE_HEADER]: `t=${timestamp},v1=${webhookSignature(config.secret, timestamp, body)}`,
      },
      body,
    });
    await response.body?.cancel();
    return response.ok ? { ok: true } : { ok: false, error: `the receiver answered HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
