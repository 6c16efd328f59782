// Webhook deliveries: what became of each event the server POSTed, and a redelivery.
// The documents live in webhooks.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  WebhookDeliveriesDocument as WebhookDeliveriesQuery,
  WebhookRedeliverDocument as WebhookRedeliverMutation,
} from '../generated.ts';

export type WebhookDeliveryRow = G.WebhookDeliveriesQuery['webhookDeliveries']['nodes'][number];
