import { index, jsonb, text } from 'drizzle-orm/pg-core';
import type { AuditAction, AuditSubjectType } from '../../audit/audit-catalogue.ts';
import { idColumn, instant, table } from './_columns.ts';

/** Who changed what and when. Append-only; no foreign keys, so history outlives its subjects and actors. */
export const auditEvents = table(
  'audit_events',
  {
    id: idColumn('aud'),
    /** A user id, or `system:<component>` (e.g. `system:sync`) for background work. */
    actor: text().notNull(),
    /** `<subject>.<verb>`, e.g. `certificate.rename`, `allow_list.add`: one of AUDIT_ACTIONS. */
    action: text().$type<AuditAction>().notNull(),
    /** e.g. `certificate`, `access_request`, `api`: one of AUDIT_SUBJECT_TYPES. */
    subjectType: text().$type<AuditSubjectType>().notNull(),
    subjectId: text().notNull(),
    /** The subject's relevant fields before the change; null for creations. Never secrets. */
    before: jsonb().$type<Record<string, unknown>>(),
    /** The same fields after the change; null for deletions. Never secrets. */
    after: jsonb().$type<Record<string, unknown>>(),
    at: instant().notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId, t.at),
    index('audit_events_at_idx').on(t.at),
  ],
);
