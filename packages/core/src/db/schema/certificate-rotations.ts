import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, instant, lifecycleDates, oneOf, table } from './_columns.ts';
import { certificates } from './certificates.ts';

export const ROTATION_STATUSES = ['REQUESTED', 'OVERLAP', 'COMPLETED', 'CANCELLED'] as const;
export type RotationStatus = (typeof ROTATION_STATUSES)[number];

/** The unique index behind CERTIFICATE_ROTATION_ACTIVE: one rotation requested or in overlap per certificate. */
export const ONE_ACTIVE_ROTATION_INDEX = 'certificate_rotations_one_active_per_from_idx';

/**
 * A certificate being replaced by another, with an overlap (certificate-rotation.ts). REQUESTED:
 * a consumer asked to rotate its Self-Serve certificate and an admin has not approved yet (the new
 * certificate is only its checked public PEM, in no store and no grant). While OVERLAP, every grant that had `from` also has `to` (both allow-listed and bound); COMPLETED
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
    /** Null while REQUESTED: the certificate is stored on approval. */
    toCertificateId: text().references(() => certificates.id, { onDelete: 'restrict' }),
    /** A REQUESTED rotation's new certificate (public, checked when asked); cleared on approval. */
    requestedPem: text(),
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
    uniqueIndex(ONE_ACTIVE_ROTATION_INDEX)
      .on(t.fromCertificateId)
      .where(sql`${t.status} IN ('REQUESTED', 'OVERLAP')`),
    check(
      'certificate_rotations_to_known',
      sql`(${t.status} <> 'REQUESTED' OR (${t.toCertificateId} IS NULL AND ${t.requestedPem} IS NOT NULL))
        AND (${t.status} NOT IN ('OVERLAP', 'COMPLETED') OR ${t.toCertificateId} IS NOT NULL)`,
    ),
    index('certificate_rotations_to_idx').on(t.toCertificateId),
    // The listing's keyset order (certificate-rotation-list.ts).
    index('certificate_rotations_created_at_id_idx').on(t.createdAt, t.id),
  ],
);
