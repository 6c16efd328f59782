// Webhook deliveries (core's webhooks/webhook-deliveries.ts): what became of each event the server
// POSTed to MTLS_WEBHOOK_URL, and a redelivery of one, same id, for admins.
import {
  ID_PREFIXES,
  type WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  type WebhookDelivery as WebhookDeliveryModel,
} from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { payloadType } from './payloads.ts';
import { registerNodeIdPrefix, settle } from './user-errors.ts';

registerNodeIdPrefix(ID_PREFIXES.webhookEvent, 'WebhookDelivery');

const DeliveryStatus = builder.enumType('WebhookDeliveryStatus', {
  description: 'What became of a webhook event.',
  values: {
    PENDING: { description: 'Not delivered yet: attempts remain (`nextAttemptAt`).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every attempt failed (`lastError`); `webhookRedeliver` sends it again.' },
  } as const satisfies Record<(typeof WEBHOOK_DELIVERY_STATUSES)[number], unknown>,
});

const EVENT_DOCS: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  'certificate.expiring': 'A live certificate entered its last 30 days.',
  'certificate.expired': 'A live certificate passed its notAfter.',
  'certificate.soft_deleted': 'A sync no longer found a certificate in the Dashboard.',
  'access.lost': 'An approved request lost access: none of its certificates is live.',
};
const EventType = builder.enumType('WebhookEventType', {
  description: 'The kinds of event the server POSTs (the `type` field and `x-mtls-portal-event` header).',
  values: Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((t) => [
      t.toUpperCase().replace('.', '_'),
      { value: t, description: EVENT_DOCS[t] },
    ]),
  ),
});

export const WebhookDelivery = builder.objectRef<WebhookDeliveryModel>('WebhookDelivery');

builder.node(WebhookDelivery, {
  description:
    'One webhook event and its delivery: the same id (`x-mtls-portal-delivery`) on every attempt and ' +
    'redelivery, so a receiver drops duplicates by it.',
  id: { resolve: (d) => d.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.webhookDeliveries, ids),
  fields: (t) => ({
    type: t.field({ type: EventType, description: 'What happened.', resolve: (d) => d.type }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When it happened.' }),
    data: t.field({
      type: 'JSON',
      description: "The event body's `data`, as POSTed (portal ids: `crt_…`, `acr_…`).",
      resolve: (d) => d.data,
    }),
    status: t.expose('status', { type: DeliveryStatus, description: 'Delivered, being tried, or given up.' }),
    attempts: t.exposeInt('attempts', { description: 'Attempts made since it was (re)queued.' }),
    maxAttempts: t.exposeInt('maxAttempts', { description: 'Attempts before it is given up.' }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Why the last attempt failed (the status the receiver answered, a timeout…).',
    }),
    nextAttemptAt: t.expose('nextAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the next attempt is due, while PENDING.',
    }),
    queuedAt: t.expose('queuedAt', { type: 'DateTime', description: 'When it was first queued.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When its delivery last changed.' }),
  }),
});

const WebhookDeliveryConnection = builder.connectionObject(
  { type: WebhookDelivery, name: 'WebhookDeliveryConnection', description: 'A page of webhook deliveries.' },
  { name: 'WebhookDeliveryEdge', description: 'A webhook delivery in a page, with its cursor.' },
);

const DeliveryFilter = builder.inputType('WebhookDeliveryFilter', {
  description: 'Which deliveries to list.',
  fields: (t) => ({
    status: t.field({ type: [DeliveryStatus], description: 'Only deliveries in any of these states.' }),
  }),
});

builder.queryField('webhookDeliveries', (t) =>
  t.field({
    authScopes: { admin: true },
    type: WebhookDeliveryConnection,
    description:
      'Webhook events and what became of their delivery, newest first. Admins only. Pages forwards ' +
      '(`first`, `after`).',
    args: {
      ...forwardPageArgs(t.arg),
      filter: t.arg({ type: DeliveryFilter, description: 'Which deliveries to list.' }),
    },
    resolve: async (_root, args, ctx) => {
      const filter = { status: args.filter?.status ?? undefined };
      return keysetPageConnection(
        args,
        await ctx.core.webhooks.deliveries(filter, forwardPage(args), viewerOf(ctx).actor),
      );
    },
  }),
);

const RedeliverInput = builder.inputType('WebhookRedeliverInput', {
  description: 'The event to send again.',
  fields: (t) => ({
    delivery: t.globalID({ for: WebhookDelivery, required: true, description: 'The delivery.' }),
  }),
});

builder.mutationField('webhookRedeliver', (t) =>
  t.withAuth({ admin: true }).field({
    type: payloadType('WebhookRedeliverPayload', {
      description: 'The delivery queued again, or why not.',
      field: 'delivery',
      type: WebhookDelivery,
      fieldDescription: 'The delivery, PENDING with fresh attempts.',
    }),
    description:
      'Queues an event again, same id, with fresh attempts due now: for a receiver that was down longer ' +
      'than the retries last. Admins only; audited.',
    args: { input: t.arg({ type: RedeliverInput, required: true, description: 'The delivery.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.webhooks.redeliver(input.delivery.id, ctx.viewer.actor), {
        subject: 'delivery',
        fields: { deliveryId: 'delivery' },
      }),
  }),
);
