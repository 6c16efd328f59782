import { sql } from 'drizzle-orm';
import { check, integer, text } from 'drizzle-orm/pg-core';
import { idColumn, lifecycleDates, table } from './_columns.ts';

/** One Tyk Dashboard the portal manages certificates, APIs and keys in. */
export const providers = table(
  'providers',
  {
    id: idColumn('prv'),
    /** Unique; what admins pick a provider by. */
    name: text().notNull().unique(),
    /** Base URL of the Dashboard API, without a trailing slash. */
    dashboardUrl: text().notNull(),
    /** Tyk org id: the prefix of every certificate id in this provider's store. */
    orgId: text().notNull(),
    /** Optional Gateway URL, for the "would this request pass?" explainer. */
    gatewayUrl: text(),
    /**
     * Ciphertext of the Dashboard API key (an envelope from core's secret box, key from configuration).
     * Never plaintext, and never returned by the API.
     */
    apiKeyCiphertext: text().notNull(),
    /** Per-call timeout of Dashboard requests; positive. */
    requestTimeoutMs: integer().notNull().default(10_000),
    ...lifecycleDates,
  },
  (t) => [check('providers_request_timeout_ms_positive', sql`${t.requestTimeoutMs} > 0`)],
);
