import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeDatabases, insertTestCertificates } from '@repo/core/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gid } from './support/certificates.ts';
import { errorCodes, useServerHarness } from './support/harness.ts';

const DAY = 86_400_000;
const LIST = `query($filter: WebhookDeliveryFilter) {
  webhookDeliveries(filter: $filter) {
    nodes { id type status attempts maxAttempts lastError nextAttemptAt data }
    pageInfo { hasNextPage }
  }
}`;
const REDELIVER = `mutation($input: WebhookRedeliverInput!) {
  webhookRedeliver(input: $input) { delivery { id status attempts } userErrors { code path } }
}`;

// A receiver that answers 503 until `down` is false; the server gives up after one attempt.
let down = true;
const accepted: string[] = [];
const receiver = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (!down) accepted.push(String(request.headers['x-mtls-portal-delivery']));
    response.writeHead(down ? 503 : 204).end();
  });
});
const webhook = { url: '', secret: 'webhook-deliveries-test-secret', maxAttempts: 1 };
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  webhook.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describeDatabases('webhook deliveries', (ctx) => {
  const h = useServerHarness(ctx, { webhook });

  it('lists a delivery the receiver refused, as a node too, and redelivers it with the same id', async () => {
    down = true;
    accepted.length = 0;
    await insertTestCertificates(ctx.db, h.provider, [
      { name: 'gone', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) },
    ]);
    await h.gql('admin', 'mutation { expiryScanRun { userErrors { code } } }');
    while ((await h.core.provisioning.runDue()) > 0);

    const failed = (await h.gql('admin', LIST, { filter: { status: ['FAILED'] } })).data.webhookDeliveries;
    expect(failed).toEqual({
      nodes: [
        {
          id: expect.any(String),
          type: 'CERTIFICATE_EXPIRED',
          status: 'FAILED',
          attempts: 1,
          maxAttempts: 1,
          lastError: 'the receiver answered HTTP 503',
          nextAttemptAt: null,
          data: expect.objectContaining({ certificateId: expect.stringMatching(/^crt_/) }),
        },
      ],
      pageInfo: { hasNextPage: false },
    });
    const id = failed.nodes[0].id as string;
    const metrics = await (await h.yoga.fetch('http://portal.test/metrics')).text();
    expect(metrics).toContain('portal_webhook_deliveries{status="FAILED"} 1');
    expect(metrics).toContain('portal_webhook_deliveries{status="DELIVERED"} 0');
    const node = await h.gql(
      'admin',
      `{ node(id: "${id}") { __typename ... on WebhookDelivery { status } } }`,
    );
    expect(node.data.node).toEqual({ __typename: 'WebhookDelivery', status: 'FAILED' });
    expect((await h.gql('consumerA', `{ node(id: "${id}") { id } }`)).data.node).toBeNull();

    down = false;
    expect((await h.gql('admin', REDELIVER, { input: { delivery: id } })).data.webhookRedeliver).toEqual({
      delivery: { id, status: 'PENDING', attempts: 0 },
      userErrors: [],
    });
    while ((await h.core.provisioning.runDue()) > 0);
    const delivered = (await h.gql('admin', LIST, { filter: { status: ['DELIVERED'] } })).data
      .webhookDeliveries;
    expect(delivered.nodes.map((d: { id: string }) => d.id)).toEqual([id]);
    // The receiver reads the same delivery id it would have read the first time.
    expect(accepted).toHaveLength(1);
    expect(gid('WebhookDelivery', accepted[0]!)).toBe(id);

    const unknown = await h.gql('admin', REDELIVER, {
      input: { delivery: gid('WebhookDelivery', 'whe_01m8gzzzzzzzzzzzzzzzzzzzzz') },
    });
    expect(unknown.data.webhookRedeliver.userErrors).toEqual([
      { code: 'NOT_FOUND', path: ['input', 'delivery'] },
    ]);
    expect(errorCodes(await h.gql('consumerA', LIST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('admin', '{ webhookDeliveries(first: 101) { nodes { id } } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
