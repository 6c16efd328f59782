import { text } from 'drizzle-orm/pg-core';
import { instant, table } from './_columns.ts';

/**
 * Locks held across slow work outside any transaction (a Dashboard read-modify-write): a row per
 * taken key, claimed by one owner until it releases it or its lease expires. The expiry is what
 * lets a crashed holder's lock be taken over; a live holder renews it while it works. An advisory
 * lock would need a transaction open for as long as the work, and on PGlite that one connection
 * is then closed to every other request.
 */
export const leaseLocks = table('lease_locks', {
  /** What the lock serializes, e.g. `allow-list:<provider>:<api>`. */
  key: text().primaryKey(),
  /** Unique per claim, so two claims in one process exclude each other too. */
  owner: text().notNull(),
  /** Free for anyone to take after this instant. */
  expiresAt: instant().notNull(),
});
