import { z } from 'zod';
import { type Actor, isAdmin } from '../actor.ts';
import { isInstantText } from '../db/instant-text.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, InvalidInputError } from '../errors.ts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../keyset-page.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { type AuditEventRow, auditEventsByIds, listAuditEvents } from './audit.repo.ts';
import { auditActions, auditSubjectTypes } from './audit-catalogue.ts';

/** One recorded change: who (`actor` label), what (`action`), to which subject, and when. */
export type AuditEvent = AuditEventRow;

export const MAX_AUDIT_PAGE_SIZE = 100;

const auditFilter = z
  .object({
    subjectType: z.enum(auditSubjectTypes).optional(),
    subjectId: z.string().trim().min(1).max(128).optional(),
    /** A user id, or `system:<component>`. */
    actor: z.string().trim().min(1).max(128).optional(),
    action: z.enum(auditActions).optional(),
    /** Free text: a case-insensitive part of the action, subject type, subject id or actor. */
    search: z.string().trim().min(1).max(200).optional(),
    since: z.date().optional(),
    until: z.date().optional(),
  })
  .refine((f) => !f.since || !f.until || f.since < f.until, {
    message: 'since must be before until.',
    path: ['until'],
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
    const position =
      p.value.after === undefined ? undefined : decodeKeysetCursor('audit', p.value.after, isInstantText);
    const after = position && { at: position.key, id: position.id };
    if (p.value.after !== undefined && position === undefined)
      return Err(new InvalidInputError('after is not a cursor of this listing.', { path: ['after'] }));
    const rows = await listAuditEvents(this.#deps.db, { ...f.value, after, limit: p.value.first + 1 });
    const hasNextPage = rows.length > p.value.first;
    const edges = rows.slice(0, p.value.first).map(({ atKey, ...node }) => ({
      cursor: encodeKeysetCursor('audit', { key: atKey, id: node.id }),
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
