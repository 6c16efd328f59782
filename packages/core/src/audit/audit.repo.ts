import { and, desc, eq, getColumns, gte, inArray, lt, sql } from 'drizzle-orm';
import { type Actor, actorLabel } from '../actor.ts';
import { escapeLike } from '../db/escape-like.ts';
import { instantText } from '../db/instant-text.ts';
import type { Db } from '../db/open-database.ts';
import { auditEvents } from '../db/schema/audit-events.ts';
import { newId } from '../ids.ts';
import type { AuditAction, AuditSubjectType } from './audit-catalogue.ts';

export interface AuditEntry {
  readonly action: AuditAction;
  readonly subjectType: AuditSubjectType;
  readonly subjectId: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
}

/** Events per statement: a sync may record 100,000, and one chunk's JSON is what is held at a time. */
const AUDIT_CHUNK = 10_000;

/**
 * Appends audit events in one statement per AUDIT_CHUNK events (a first sync may record 100,000):
 * the rows travel as a single JSON parameter, clear of PostgreSQL's 65,535-parameter limit. Call
 * it with the transaction that makes the change, so the change and its record commit together.
 * Never pass secrets in before/after. (The parameter is cast through text: postgres.js would
 * otherwise infer jsonb and encode the JSON string a second time.)
 */
export async function recordAudit(db: Db, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  const label = actorLabel(actor);
  for (let at = 0; at < entries.length; at += AUDIT_CHUNK) {
    const rows = entries.slice(at, at + AUDIT_CHUNK).map((e) => ({
      id: newId('aud'),
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      before: e.before ?? null,
      after: e.after ?? null,
    }));
    await db.execute(sql`
      INSERT INTO audit_events (id, actor, action, subject_type, subject_id, before, after)
      SELECT r."id", ${label}, r."action", r."subjectType", r."subjectId", r."before", r."after"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
        AS r("id" text, "action" text, "subjectType" text, "subjectId" text, "before" jsonb, "after" jsonb)`);
  }
}

/** An audit event as stored. */
export type AuditEventRow = typeof auditEvents.$inferSelect;

export interface AuditQuery {
  readonly subjectType?: AuditSubjectType;
  readonly subjectId?: string;
  readonly actor?: string;
  readonly action?: AuditAction;
  /** A case-insensitive substring of the action, subject type, subject id or actor label. */
  readonly search?: string;
  /** Recorded at or after this instant. */
  readonly since?: Date;
  /** Recorded before this instant. */
  readonly until?: Date;
  /** Rows to read: the page size + 1, to learn whether another page follows. */
  readonly limit: number;
  /** The last row of the previous page: `at` as exact ISO text (microseconds), and its id. */
  readonly after?: { readonly at: string; readonly id: string };
}

const atKey = instantText(auditEvents.at);

/** One page of audit events, newest first, in ONE statement; `atKey` is the cursor's instant. */
export function listAuditEvents(db: Db, q: AuditQuery): Promise<(AuditEventRow & { atKey: string })[]> {
  return db
    .select({ ...getColumns(auditEvents), atKey: atKey.as('at_key') })
    .from(auditEvents)
    .where(
      and(
        q.subjectType === undefined ? undefined : eq(auditEvents.subjectType, q.subjectType),
        q.subjectId === undefined ? undefined : eq(auditEvents.subjectId, q.subjectId),
        q.actor === undefined ? undefined : eq(auditEvents.actor, q.actor),
        q.action === undefined ? undefined : eq(auditEvents.action, q.action),
        q.search === undefined
          ? undefined
          : sql`(${auditEvents.action} || ' ' || ${auditEvents.subjectType} || ' ' || ${auditEvents.subjectId} || ' ' || ${auditEvents.actor}) ILIKE ${`%${escapeLike(q.search)}%`}`,
        q.since === undefined ? undefined : gte(auditEvents.at, q.since),
        q.until === undefined ? undefined : lt(auditEvents.at, q.until),
        // A row comparison, so the (at) index scan can start right after the cursor.
        q.after === undefined
          ? undefined
          : sql`(${auditEvents.at}, ${auditEvents.id}) < (${q.after.at}::timestamptz, ${q.after.id}::text)`,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(q.limit);
}

/** The events with these ids, in no particular order. */
export function auditEventsByIds(db: Db, ids: readonly string[]): Promise<AuditEventRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(auditEvents)
    .where(inArray(auditEvents.id, [...ids]));
}
