import { sql } from 'drizzle-orm';
import { type Actor, actorLabel } from '../actor.ts';
import type { Db } from '../db/open-database.ts';
import { newId } from '../ids.ts';

export interface AuditEntry {
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
}

/**
 * Appends audit events in ONE statement however many there are (a sync may record 50,000): the
 * rows travel as a single JSON parameter, clear of PostgreSQL's 65,535-parameter limit. Call it
 * with the transaction that makes the change, so the change and its record commit together.
 * Never pass secrets in before/after. (The parameter is cast through text: postgres.js would
 * otherwise infer jsonb and encode the JSON string a second time.)
 */
export async function recordAudit(db: Db, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    id: newId('aud'),
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    before: e.before ?? null,
    after: e.after ?? null,
  }));
  await db.execute(sql`
    INSERT INTO audit_events (id, actor, action, subject_type, subject_id, before, after)
    SELECT r."id", ${actorLabel(actor)}, r."action", r."subjectType", r."subjectId", r."before", r."after"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
      AS r("id" text, "action" text, "subjectType" text, "subjectId" text, "before" jsonb, "after" jsonb)`);
}
