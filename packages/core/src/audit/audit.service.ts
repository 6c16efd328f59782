import { z } from 'zod';
import { type Actor, isAdmin } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, InvalidInputError } from '../errors.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { type AuditEventRow, auditEventsByIds, listAuditEvents } from './audit.repo.ts';

/** One recorded change: who (`actor` label), what (`action`), to which subject, and when. */
export type AuditEvent = AuditEventRow;

export const MAX_AUDIT_PAGE_SIZE = 100;

const auditFilter = z.object({
  subjectType: z.string().trim().min(1).max(64).optional(),
  subjectId: z.string().trim().min(1).max(128).optional(),
  /** A user id, or `system:<component>`. */
  actor: z.string().trim().min(1).max(128).optional(),
  action: z.string().trim().min(1).max(128).optional(),
});
export type AuditFilter = z.input<typeof auditFilter>;

const auditPage = z.object({
  first: z.number().int().min(1).max(MAX_AUDIT_PAGE_SIZE).default(50),
  after: z.string().min(1).optional(),
});
export type AuditPage = z.input<typeof auditPage>;

export interface AuditConnection {
  readonly nodes: AuditEvent[];
  readonly edges: { readonly cursor: string; readonly node: AuditEvent }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** Reads the audit log. Writing happens beside each change (`recordAudit`), never through here. */
export class AuditService {
  readonly #deps: CoreDeps;

  constructor(deps: CoreDeps) {
    this.#deps = deps;
  }

  /**
   * One page of events matching every filter field given, newest first (`at`, then id), read in
   * one statement. Admins only: the log names every organisation's objects.
   * Errors: FORBIDDEN, INVALID_INPUT (a filter field, `first`, or an `after` this did not make).
   */
  async list(
    filter: AuditFilter,
    page: AuditPage,
    actor: Actor,
  ): Promise<Result<AuditConnection, ForbiddenError | InvalidInputError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins read the audit log.'));
    const f = parseInput(auditFilter, filter);
    if (!f.ok) return f;
    const p = parseInput(auditPage, page);
    if (!p.ok) return p;
    const after = p.value.after === undefined ? undefined : decodeAuditCursor(p.value.after);
    if (p.value.after !== undefined && after === undefined)
      return Err(new InvalidInputError('after is not a cursor of this listing.', { path: ['after'] }));
    const rows = await listAuditEvents(this.#deps.db, { ...f.value, after, limit: p.value.first + 1 });
    const hasNextPage = rows.length > p.value.first;
    const edges = rows.slice(0, p.value.first).map(({ atKey, ...node }) => ({
      cursor: encodeAuditCursor({ at: atKey, id: node.id }),
      node,
    }));
    return Ok({
      nodes: edges.map((e) => e.node),
      edges,
      pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    });
  }

  /** Batch load for node lookups: admins get the events that exist, everyone else none. */
  async byIds(ids: readonly string[], actor: Actor): Promise<AuditEvent[]> {
    if (!isAdmin(actor)) return [];
    return auditEventsByIds(this.#deps.db, ids);
  }
}

interface AuditCursor {
  readonly at: string;
  readonly id: string;
}

function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify(['audit', cursor.at, cursor.id])).toString('base64url');
}

/** Undefined for anything {@link encodeAuditCursor} did not make. */
function decodeAuditCursor(cursor: string): AuditCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== 'audit') return undefined;
    const [, at, id] = value as unknown[];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
    if (typeof id !== 'string' || id === '') return undefined;
    return { at, id };
  } catch {
    return undefined;
  }
}
