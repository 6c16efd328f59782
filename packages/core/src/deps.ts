import type { Db } from './db/open-database.ts';
import type { SecretBox } from './secrets/secret-box.ts';
import type { HoldPolicy } from './sync/sync-plan.ts';
import type { WebhookConfig } from './webhooks/webhook-events.ts';

/** Everything core needs from outside. Core reads no environment: the caller builds these. */
export interface CoreDeps {
  readonly db: Db;
  /** Seals provider API keys and issued tokens at rest. */
  readonly secrets: SecretBox;
  /** Injected so tests can pin "now" for expiry rules. */
  readonly clock?: () => Date;
  /** Dashboard call tuning (tests shorten the backoff). */
  readonly dashboard?: { readonly retries?: number; readonly backoffMs?: number };
  /** Where certificate and access events are POSTed, signed (webhooks/); none when absent. */
  readonly webhook?: WebhookConfig;
  readonly sync?: {
    /** When a run would soft-delete an unusual share of the store (default: over 50% and at least 10). */
    readonly hold?: HoldPolicy;
    /** A RUNNING run older than this is taken for dead and replaced (default 15 minutes). */
    readonly staleAfterMs?: number;
  };
}
