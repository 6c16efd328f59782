import { text } from 'drizzle-orm/pg-core';
import { idColumn, lifecycleDates, table } from './_columns.ts';

/** A consumer organisation: the unit of visibility for consumers and of Managed certificates. */
export const organisations = table('organisations', {
  id: idColumn('org'),
  /** Unique. */
  name: text().notNull().unique(),
  ...lifecycleDates,
});
