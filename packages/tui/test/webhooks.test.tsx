// `:webhooks` against a stubbed portal: a FAILED delivery shows why, `R` sends it again after
// asking (`n` sends nothing), and a PENDING one, still being tried, is not offered.
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookDeliveriesQuery, WebhookRedeliverMutation } from '../src/graphql/operations/webhooks.ts';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { DELIVERY, page, stubbedPortal } from './support/stub-fixtures.ts';

type Status = 'PENDING' | 'DELIVERED' | 'FAILED';

describe(':webhooks (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it('redelivers a failed event after asking; a pending one is not offered', async () => {
    const pending = {
      ...DELIVERY,
      id: 'whe_pending',
      type: 'ACCESS_LOST' as const,
      status: 'PENDING' as Status,
      attempts: 2,
      lastError: 'the receiver answered HTTP 503',
      nextAttemptAt: new Date(Date.now() + 60_000).toISOString(),
    };
    let failed = { ...DELIVERY, status: 'FAILED' as Status, attempts: 20 };
    const portal = stubbedPortal()
      .on(WebhookDeliveriesQuery, () => ({ webhookDeliveries: page([failed, pending]) }))
      .on(WebhookRedeliverMutation, ({ delivery }) => {
        failed = { ...failed, status: 'PENDING', attempts: 0 };
        return {
          webhookRedeliver: {
            delivery: { id: String(delivery), status: 'PENDING' as const, attempts: 0 },
            userErrors: [],
          },
        };
      });
    app = renderStub(portal, { size: { columns: 160, rows: 30 } });
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('hooks');
    await app.press(KEYS.enter);
    const list = await app.waitFor(
      (f) => f.includes('Webhook deliveries (2, 1 failed)') && f.includes('<R> redeliver'),
    );
    expect(list).toMatch(/certificate\.soft_deleted\s+failed\s+20\/20\s+TypeError: fetch failed/);
    expect(list).toMatch(/access\.lost\s+pending\s+2\/20\s+next .*: the receiver answered HTTP 503/);

    await app.press('R');
    await app.waitFor('certificate.soft_deleted of');
    await app.press('n');
    await app.waitFor((f) => !f.includes('Send this event again?'));
    expect(portal.count('WebhookRedeliver')).toBe(0);
    await app.press('R');
    await app.waitFor('Send this event again?');
    await app.press('y');
    await app.waitFor((f) => f.includes('queued again with fresh attempts') && f.includes('(2, 0 failed)'));
    expect(portal.calls.filter((c) => c.kind === 'mutation').map((c) => c.variables)).toEqual([
      { delivery: DELIVERY.id },
    ]);

    // The pending one is still being tried: nothing to redeliver.
    await app.press(KEYS.down);
    await app.waitFor((f) => !f.includes('<R> redeliver'));
    await app.press('R');
    expect(app.lastFrame()).not.toContain('Send this event again?');
    expect(portal.count('WebhookRedeliver')).toBe(1);
  });
});
