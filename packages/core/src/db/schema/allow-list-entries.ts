import { primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, table } from './_columns.ts';
import { providers } from './providers.ts';

/**
 * The allow-list entries the portal placed: a certificate id it added to an API's list because a
 * grant needed it, and that was not there before. Reconciliation removes only these, and only
 * once no live grant needs them; an entry an admin put there by hand is never recorded here, so
 * it is never removed. Which grants need an entry is derived (access_request_certificates and the
 * product's APIs), so the count of its users is a query, not a counter that can drift.
 */
export const allowListEntries = table(
  'allow_list_entries',
  {
    providerId: text()
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    apiId: text().notNull(),
    /** Tyk's certificate id as written on the list (org id + SHA-256). */
    tykId: text().notNull(),
    placedAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.apiId, t.tykId] })],
);
