import { sql } from 'drizzle-orm';
import { index, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, instant, lifecycleDates, table } from './_columns.ts';
import { accessRequests } from './access-requests.ts';

/** The Dashboard key an approval issued. */
export const credentials = table(
  'credentials',
  {
    id: idColumn('cred'),
    accessRequestId: text()
      .notNull()
      .references(() => accessRequests.id, { onDelete: 'restrict' }),
    /** The key id in the Dashboard, derived from the request so a retried step cannot create a second key. */
    dashboardKeyId: text().notNull(),
    /** Tyk's `key_hash` (murmur64 hex) when the Dashboard returns one. */
    keyHash: text(),
    /** Ciphertext of the token (core's secret box); decrypted only for the owning organisation. */
    tokenCiphertext: text().notNull(),
    /** Null = never expires. */
    expiresAt: instant(),
    /** Set when the key was deleted from the Dashboard; the row stays for the audit trail. */
    revokedAt: instant(),
    ...lifecycleDates,
  },
  (t) => [
    // At most one live credential per request: the database backs the "never a second key" rule.
    uniqueIndex('credentials_one_live_per_access_request')
      .on(t.accessRequestId)
      .where(sql`${t.revokedAt} IS NULL`),
    index('credentials_dashboard_key_id_idx').on(t.dashboardKeyId),
  ],
);
