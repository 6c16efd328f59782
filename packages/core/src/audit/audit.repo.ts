import { type Actor, actorLabel } from '../actor.ts';
import type { Db } from '../db/open-database.ts';
import { auditEvents } from '../db/schema/audit-events.ts';

export interface AuditEntry {
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
}

/**
 * Appends audit events in one statement. Call it with the transaction that makes the change, so
 * the change and its record commit together. Never pass secrets in before/after.
 */
export async function recordAudit(db: Db, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const label = actorLabel(actor);
  await db.insert(auditEvents).values(
    entries.map((e) => ({
      actor: label,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  );
}
