import { and, desc, eq, getColumns, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, organisationScope } from '../actor.ts';
import { instantText, isInstantText } from '../db/instant-text.ts';
import type { Db } from '../db/open-database.ts';
import { certificateRotations, ROTATION_STATUSES } from '../db/schema/certificate-rotations.ts';
import type { InvalidInputError } from '../errors.ts';
import { type KeysetConnection, type KeysetPage, keysetConnection, parseKeysetPage } from '../keyset-page.ts';
import { Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { type Rotation, rotationVisibleTo, toRotation } from './certificate-rotation.ts';

const rotationFilter = z.object({
  /** Any of these statuses; an empty list matches nothing (as a filter that admits none). */
  status: z.array(z.enum(ROTATION_STATUSES)).optional(),
  /** Only rotations that replace this certificate… */
  fromCertificateId: z.string().min(1).optional(),
  /** …or that bring it in. */
  toCertificateId: z.string().min(1).optional(),
});
export type RotationFilter = z.input<typeof rotationFilter>;

const createdKey = instantText(certificateRotations.createdAt);

/**
 * One page of rotations, newest first (`createdAt`, then id), in one statement with a keyset cursor,
 * so every rotation stays reachable however many there are. A consumer sees those its organisation
 * sees (rotationVisibleTo): its own requests to rotate, and what became of them.
 * Errors: INVALID_INPUT (a filter field, `first`, or an `after` this listing did not make).
 */
export async function listRotations(
  db: Db,
  filter: RotationFilter,
  page: KeysetPage,
  actor: Actor,
): Promise<Result<KeysetConnection<Rotation>, InvalidInputError>> {
  const scope = organisationScope(actor);
  const f = parseInput(rotationFilter, filter);
  if (!f.ok) return f;
  const p = parseKeysetPage('rotations', page, isInstantText);
  if (!p.ok) return p;
  const { status, fromCertificateId, toCertificateId } = f.value;
  const after = p.value.after;
  const rows = await db
    .select({ ...getColumns(certificateRotations), createdKey: createdKey.as('created_key') })
    .from(certificateRotations)
    .where(
      and(
        status === undefined
          ? undefined
          : status.length === 0
            ? sql`false`
            : inArray(certificateRotations.status, status),
        fromCertificateId === undefined
          ? undefined
          : eq(certificateRotations.fromCertificateId, fromCertificateId),
        toCertificateId === undefined ? undefined : eq(certificateRotations.toCertificateId, toCertificateId),
        scope === undefined ? undefined : rotationVisibleTo(scope),
        // A row comparison, so an index scan can start right after the cursor.
        after === undefined
          ? undefined
          : sql`(${certificateRotations.createdAt}, ${certificateRotations.id}) < (${after.key}::timestamptz, ${after.id}::text)`,
      ),
    )
    .orderBy(desc(certificateRotations.createdAt), desc(certificateRotations.id))
    .limit(p.value.first + 1);
  return Ok(
    keysetConnection('rotations', rows, p.value.first, ({ createdKey, ...row }) => ({
      position: { key: createdKey, id: row.id },
      node: toRotation(row),
    })),
  );
}
