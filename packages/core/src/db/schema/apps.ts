import { foreignKey, index, text, unique } from 'drizzle-orm/pg-core';
import { idColumn, lifecycleDates, table } from './_columns.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

/** A consumer's application: it owns access requests and, through them, credentials. */
export const apps = table(
  'apps',
  {
    id: idColumn('app'),
    /** The consumer who owns it. */
    ownerId: text().notNull(),
    /** Always the owner's organisation (composite foreign key); copied here so scoping needs no join. */
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    /** Unique within the organisation. */
    name: text().notNull(),
    description: text(),
    ...lifecycleDates,
  },
  (t) => [
    foreignKey({
      name: 'apps_owner_in_organisation_fk',
      columns: [t.ownerId, t.organisationId],
      foreignColumns: [users.id, users.organisationId],
    }).onDelete('restrict'),
    unique('apps_organisation_id_name_unique').on(t.organisationId, t.name),
    index('apps_owner_id_idx').on(t.ownerId),
  ],
);
