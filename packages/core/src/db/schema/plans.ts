import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, integer, text } from 'drizzle-orm/pg-core';
import { idColumn, lifecycleDates, table } from './_columns.ts';

/** Rate limit, quota and key lifetime applied to the key an approval issues (Tyk SessionState fields). */
export const plans = table(
  'plans',
  {
    id: idColumn('pln'),
    /** Unique. */
    name: text().notNull().unique(),
    /** Requests allowed per `per` seconds (Tyk `rate`); positive. */
    rate: doublePrecision().notNull(),
    /** Rate window in seconds (Tyk `per`); positive. */
    per: doublePrecision().notNull(),
    /**
     * Requests per quota period (Tyk `quota_max`, an int64); -1 = unlimited. A bigint in JS: a
     * number would round values past 2^53.
     */
    quotaMax: bigint({ mode: 'bigint' }).notNull().default(-1n),
    /** Quota period in seconds (Tyk `quota_renewal_rate`); -1 = never renews. */
    quotaRenewalRate: bigint({ mode: 'number' }).notNull().default(-1),
    /** Lifetime of issued keys in seconds; 0 = never expires (Tyk `expires: 0`). */
    keyLifetimeSeconds: integer().notNull().default(0),
    ...lifecycleDates,
  },
  (t) => [
    check('plans_rate_positive', sql`${t.rate} > 0 AND ${t.per} > 0`),
    check('plans_quota_valid', sql`${t.quotaMax} >= -1 AND ${t.quotaRenewalRate} >= -1`),
    check('plans_key_lifetime_non_negative', sql`${t.keyLifetimeSeconds} >= 0`),
  ],
);
