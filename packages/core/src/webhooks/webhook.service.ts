import type { Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import type { ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { KeysetConnection, KeysetPage } from '../keyset-page.ts';
import type { Result } from '../result.ts';
import {
  countDeliveries,
  deliveriesByIds,
  listDeliveries,
  redeliver,
  type WebhookDelivery,
  type WebhookDeliveryFilter,
  type WebhookDeliveryStatus,
  type WebhooksNotConfiguredError,
} from './webhook-deliveries.ts';

/** Webhook deliveries as an operator sees them, and redelivery (webhook-deliveries.ts). */
export class WebhookService {
  readonly #deps: CoreDeps;

  constructor(deps: CoreDeps) {
    this.#deps = deps;
  }

  deliveries(
    filter: WebhookDeliveryFilter,
    page: KeysetPage,
    actor: Actor,
  ): Promise<Result<KeysetConnection<WebhookDelivery>, ForbiddenError | InvalidInputError>> {
    return listDeliveries(this.#deps.db, filter, page, actor);
  }

  /** Deliveries in each status (one statement). Admins only. */
  counts(actor: Actor): Promise<Result<Record<WebhookDeliveryStatus, number>, ForbiddenError>> {
    return countDeliveries(this.#deps.db, actor);
  }

  deliveriesByIds(ids: readonly string[], actor: Actor): Promise<WebhookDelivery[]> {
    return deliveriesByIds(this.#deps.db, ids, actor);
  }

  redeliver(
    id: string,
    actor: Actor,
  ): Promise<Result<WebhookDelivery, ForbiddenError | NotFoundError | WebhooksNotConfiguredError>> {
    return redeliver(this.#deps.db, this.#deps.webhook, id, actor);
  }
}
