import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, instant, lifecycleDates, oneOf, table } from './_columns.ts';
import { certificates } from './certificates.ts';

export const ROTATION_STATUSES = ['OVERLAP', 'COMPLETED', 'CANCELLED'] as const;
export type RotationStatus = (typeof ROTATION_STATUSES)[number];

/** The unique index behind CERTIFICATE_ROTATION_ACTIVE: one rotation in overlap per certificate. */
export const ONE_ACTIVE_ROTATION_INDEX = 'certificate_rotations_one_active_per_from_idx';

/**
 * A certificate being replaced by another, with an overlap (certificate-rotation.ts): while
 * OVERLAP, every grant that had `from` also has `to` (both allow-listed and bound); COMPLETED
 * took `from` away, CANCELLED took `to` away again. The grants it touched are kept, so completing
 * or cancelling after a restart acts on exactly those.
 */
export const certificateRotations = table(
  'certificate_rotations',
  {
    id: idColumn('rot'),
    fromCertificateId: text()
      .notNull()
      .references(() => certificates.id, { onDelete: 'restrict' }),
    toCertificateId: text()
      .notNull()
      .references(() => certificates.id, { onDelete: 'restrict' }),
    /** The rotation uploaded `to` (given as a PEM): a cancel takes its organisations away again. */
    createdTo: boolean().notNull().default(false),
    status: text({ enum: ROTATION_STATUSES }).notNull().default('OVERLAP'),
    /** Granted requests that had `from` when the rotation started. */
    accessRequestIds: jsonb().$type<string[]>().notNull().default([]),
    /** Of those, the ones `to` was added to (a cancel removes it from these only). */
    addedToRequestIds: jsonb().$type<string[]>().notNull().default([]),
    /** The organisations `from` served: completing retires it from them. */
    organisationIds: jsonb().$type<string[]>().notNull().default([]),
    finishedAt: instant(),
    ...lifecycleDates,
  },
  (t) => [
    oneOf('certificate_rotations_status_valid', t.status, ROTATION_STATUSES),
    uniqueIndex(ONE_ACTIVE_ROTATION_INDEX).on(t.fromCertificateId).where(sql`${t.status} = 'OVERLAP'`),
    index('certificate_rotations_to_idx').on(t.toCertificateId),
  ],
);
