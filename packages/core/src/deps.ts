import type { Db } from './db/open-database.ts';
import type { SecretBox } from './secrets/secret-box.ts';

/** Everything core needs from outside. Core reads no environment: the caller builds these. */
export interface CoreDeps {
  readonly db: Db;
  /** Seals provider API keys and issued tokens at rest. */
  readonly secrets: SecretBox;
  /** Injected so tests can pin "now" for expiry rules. */
  readonly clock?: () => Date;
  /** Dashboard call tuning (tests shorten the backoff). */
  readonly dashboard?: { readonly retries?: number; readonly backoffMs?: number };
}
