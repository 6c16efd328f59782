import { z } from 'zod';
import { type Actor, organisationScope } from '../actor.ts';
import { isInstantText } from '../db/instant-text.ts';
import type { Db } from '../db/open-database.ts';
import { ACCESS_REQUEST_STATUSES } from '../db/schema/access-requests.ts';
import type { InvalidInputError } from '../errors.ts';
import { type KeysetConnection, type KeysetPage, keysetConnection, parseKeysetPage } from '../keyset-page.ts';
import { Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import type { AccessRequest } from './access-request.ts';
import { pageAccessRequests } from './access-request-list.repo.ts';

const accessRequestFilter = z
  .object({
    organisationId: z.string().min(1).optional(),
    appId: z.string().min(1).optional(),
    productId: z.string().min(1).optional(),
    /** One status or any of several; an empty list matches nothing (as a filter that admits none). */
    status: z
      .union([z.enum(ACCESS_REQUEST_STATUSES), z.array(z.enum(ACCESS_REQUEST_STATUSES))])
      .transform((s) => (Array.isArray(s) ? [...new Set(s)] : [s]))
      .optional(),
    /** Created at or after this instant. */
    createdFrom: z.date().optional(),
    /** Created before this instant: consecutive ranges meet without overlapping. */
    createdTo: z.date().optional(),
  })
  .refine((f) => !f.createdFrom || !f.createdTo || f.createdFrom <= f.createdTo, {
    message: 'must not be before createdFrom',
    path: ['createdTo'],
  });
export type AccessRequestFilter = z.input<typeof accessRequestFilter>;

/**
 * One page of access requests, newest first (`createdAt`, then id), read in one statement with a
 * keyset cursor, so every request stays reachable however many there are. Every one for admins,
 * its own organisation's for a consumer (naming another organisation or its app gives an empty page).
 * Errors: INVALID_INPUT (a filter field, `first`, or an `after` this listing did not make).
 */
export async function listAccessRequests(
  db: Db,
  filter: AccessRequestFilter,
  page: KeysetPage,
  actor: Actor,
): Promise<Result<KeysetConnection<AccessRequest>, InvalidInputError>> {
  const f = parseInput(accessRequestFilter, filter);
  if (!f.ok) return f;
  const p = parseKeysetPage('accessRequests', page, isInstantText);
  if (!p.ok) return p;
  const { status, ...filters } = f.value;
  const rows = await pageAccessRequests(db, {
    ...filters,
    statuses: status,
    scope: organisationScope(actor),
    after: p.value.after,
    limit: p.value.first + 1,
  });
  return Ok(
    keysetConnection('accessRequests', rows, p.value.first, ({ createdKey, ...node }) => ({
      position: { key: createdKey, id: node.id },
      node,
    })),
  );
}
