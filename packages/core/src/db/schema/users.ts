import { sql } from 'drizzle-orm';
import { check, index, text, unique } from 'drizzle-orm/pg-core';
import { hexCheck, idColumn, lifecycleDates, oneOf, table } from './_columns.ts';
import { organisations } from './organisations.ts';

export const USER_ROLES = ['ADMIN', 'CONSUMER'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A person who calls the portal with a bearer token: an admin, or a consumer of one organisation. */
export const users = table(
  'users',
  {
    id: idColumn('usr'),
    role: text({ enum: USER_ROLES }).notNull(),
    /** Required for consumers (their visibility scope); null for admins, who see everything. */
    organisationId: text().references(() => organisations.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    /** SHA-256 (64 lowercase hex) of the bearer token; unique. The token itself is never stored. */
    tokenHash: text().notNull().unique(),
    ...lifecycleDates,
  },
  (t) => [
    oneOf('users_role_valid', t.role, USER_ROLES),
    check('users_consumer_has_organisation', sql`${t.role} <> 'CONSUMER' OR ${t.organisationId} IS NOT NULL`),
    hexCheck('users_token_hash_sha256', t.tokenHash, 64),
    // Target of apps' (owner, organisation) foreign key, which keeps an app in its owner's organisation.
    unique('users_id_organisation_id_unique').on(t.id, t.organisationId),
    // The users listing's keyset order, for admins and within a consumer's organisation: a page reads
    // its rows from the index instead of sorting the table.
    index('users_name_id_idx').on(t.name, t.id),
    index('users_organisation_id_name_id_idx').on(t.organisationId, t.name, t.id),
  ],
);
