import { sql } from 'drizzle-orm';
import { text, uniqueIndex } from 'drizzle-orm/pg-core';
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
    /**
     * Tyk's `key_hash` (murmur64 hex): what the portal names the key by in the Dashboard
     * (`?hashed=true`). The key id itself is never stored: base64 of the org and the id IS the token.
     */
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
  ],
);
