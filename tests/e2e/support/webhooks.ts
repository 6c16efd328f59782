import { createHmac, timingSafeEqual } from 'node:crypto';
import { inject } from 'vitest';
import type { ReceivedWebhook } from '../setup/webhook-receiver.ts';

/** An event as the servers POSTed it, after its signature checked out. */
export interface VerifiedWebhook {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
  /** The signature's age when read, in seconds (`t=` against now). */
  readonly ageSeconds: number;
}

/**
 * Everything the e2e receiver got so far, each verified as a receiver must: the
 * `x-mtls-portal-signature` header is `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
 * under the shared secret, and the delivery and event headers repeat the body's id and type. One
 * delivery that fails any of it fails the caller: a wrong signature is never filtered out.
 */
export async function receivedWebhooks(): Promise<VerifiedWebhook[]> {
  const { receivedUrl, secret } = inject('e2e').webhook;
  const received = (await (await fetch(receivedUrl)).json()) as ReceivedWebhook[];
  return received.map(({ headers, body }) => {
    const signature = String(headers['x-mtls-portal-signature'] ?? '');
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    if (!match) throw new Error(`malformed signature header: ${JSON.stringify(signature)}`);
    const [, t, v1] = match;
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
    if (!timingSafeEqual(expected, Buffer.from(v1!, 'hex')))
      throw new Error(`signature does not verify for ${body.slice(0, 120)}`);
    const event = JSON.parse(body) as Omit<VerifiedWebhook, 'ageSeconds'>;
    if (headers['x-mtls-portal-delivery'] !== event.id || headers['x-mtls-portal-event'] !== event.type)
      throw new Error(`headers disagree with the body: ${JSON.stringify(headers)} ${body.slice(0, 120)}`);
    return { ...event, ageSeconds: Date.now() / 1000 - Number(t) };
  });
}

/** The portal id (`acr_…`, `crt_…`) behind a GraphQL global id: what webhook events carry. */
export function portalId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}
