import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './certificates/certificate-search.ts';
import { InvalidInputError } from './errors.ts';
import { Err, Ok, type Result } from './result.ts';
import { parseInput } from './validation.ts';

// Pure parts shared by the keyset listings of providers, organisations, users, sync runs, access
// requests, rotations, expiring certificates and webhook deliveries: the page input, the opaque cursor, and the page
// made of the `first + 1` rows a repository read.

/** A forward page: `first` rows after the cursor `after` (one a listing made). */
export const keysetPage = z.object({
  first: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  after: z.string().min(1).optional(),
});
export type KeysetPage = z.input<typeof keysetPage>;

/** A page of a keyset listing, shaped as a Relay connection. */
export interface KeysetConnection<T> {
  readonly nodes: T[];
  readonly edges: { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/**
 * Where a page ends: the sort key of its last row as text (a name, or an instant as exact ISO text)
 * and that row's id, the tiebreak. Rows after it are read by a row comparison, so the position
 * stays meaningful when rows are added or removed before or at it.
 */
export interface KeysetPosition {
  readonly key: string;
  readonly id: string;
}

/** A listing's name goes into its cursors, so one listing refuses another's. */
export type KeysetListing =
  | 'providers'
  | 'organisations'
  | 'users'
  | 'syncRuns'
  | 'audit'
  | 'accessRequests'
  | 'heldDeletions'
  | 'rotations'
  | 'expiring'
  | 'webhookDeliveries';

export function encodeKeysetCursor(listing: KeysetListing, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([listing, position.key, position.id])).toString('base64url');
}

/** Undefined for anything {@link encodeKeysetCursor} did not make for `listing`. */
export function decodeKeysetCursor(
  listing: KeysetListing,
  cursor: string,
  isKey: (key: string) => boolean = () => true,
): KeysetPosition | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== listing) return undefined;
  const [, key, id] = value as unknown[];
  if (typeof key !== 'string' || !isKey(key) || typeof id !== 'string' || id === '') return undefined;
  // Both go into SQL as text, which cannot hold U+0000: a forged one would fail the statement.
  if (key.includes('\u0000') || id.includes('\u0000')) return undefined;
  return { key, id };
}

export interface ParsedKeysetPage {
  readonly first: number;
  readonly after: KeysetPosition | undefined;
}

/** Validates a page before anything is read. Errors: INVALID_INPUT (`first`, or a foreign `after`). */
export function parseKeysetPage(
  listing: KeysetListing,
  page: KeysetPage,
  isKey?: (key: string) => boolean,
): Result<ParsedKeysetPage, InvalidInputError> {
  const p = parseInput(keysetPage, page);
  if (!p.ok) return p;
  if (p.value.after === undefined) return Ok({ first: p.value.first, after: undefined });
  const after = decodeKeysetCursor(listing, p.value.after, isKey);
  if (!after)
    return Err(new InvalidInputError('after is not a cursor of this listing.', { path: ['after'] }));
  return Ok({ first: p.value.first, after });
}

/** The page out of the `first + 1` rows read: the extra row only tells that another page follows. */
export function keysetConnection<R, T>(
  listing: KeysetListing,
  rows: readonly R[],
  first: number,
  edge: (row: R) => { readonly position: KeysetPosition; readonly node: T },
): KeysetConnection<T> {
  const edges = rows.slice(0, first).map((row) => {
    const { position, node } = edge(row);
    return { cursor: encodeKeysetCursor(listing, position), node };
  });
  return {
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
