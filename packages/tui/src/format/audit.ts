// How the audit view words an event and reads its `/` filter. Pure.
import type { AuditActorRow, AuditFilter, AuditSubjectRow } from '../graphql/operations/audit.ts';

/** `CERTIFICATE_SET_ORGANISATIONS` → `certificate set organisations`. */
export function enumWords(value: string): string {
  return value.toLowerCase().replaceAll('_', ' ');
}

/** A user's name, `system: sync`, or the id of a user since removed. */
export function actorName(actor: AuditActorRow): string {
  if (actor.kind === 'SYSTEM') return `system: ${actor.component ?? '?'}`;
  return actor.user?.name ?? `removed user ${actor.userId ?? ''}`.trim();
}

/** What names the subject: its name, a certificate's CN, `app → product`; undefined when gone. */
export function subjectName(subject: AuditSubjectRow | null): string | undefined {
  if (!subject) return undefined;
  switch (subject.__typename) {
    case 'AccessRequest':
      return `${subject.app.name} → ${subject.product.name}`;
    case 'Certificate':
      return subject.certificateName ?? subject.subjectCn ?? undefined;
    default:
      return 'name' in subject ? subject.name : undefined;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/;

/**
 * The `/` filter: `since:2026-12-01` and `until:2026-12-02T10:00` (UTC) bound the time, every other
 * word is free text the server matches against the action, subject type and system jobs. A date
 * alone means the whole day (`until:2026-12-02` takes in the 2nd). A bound that is not a date is
 * free text too, so nothing typed is silently dropped.
 */
export function auditFilter(text: string): AuditFilter {
  const filter: { -readonly [K in keyof AuditFilter]: AuditFilter[K] } = {};
  const words: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const [, bound, value] = /^(since|until):(.+)$/.exec(word) ?? [];
    const instant = bound && value ? boundary(value, bound === 'until') : undefined;
    if (instant) filter[bound as 'since' | 'until'] = instant;
    else words.push(word);
  }
  if (words.length > 0) filter.search = words.join(' ');
  return filter;
}

/** The ISO instant a typed date or date-time names (UTC), or undefined when it names none. */
function boundary(value: string, endOfDay: boolean): string | undefined {
  if (!DATE.test(value)) return undefined;
  const [date, time] = value.split(/[T ]/);
  const at = new Date(
    `${date}T${time === undefined ? '00:00:00' : time.length === 5 ? `${time}:00` : time}Z`,
  );
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== date) return undefined;
  if (time === undefined && endOfDay) at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString();
}

/** One recorded field: its value before and after (JSON text; undefined when absent). */
export interface FieldChange {
  readonly field: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly changed: boolean;
}

/** The fields of an event, changed ones first, each with its value before and after. */
export function fieldChanges(beforeValue: unknown, afterValue: unknown): FieldChange[] {
  const before = asRecord(beforeValue);
  const after = asRecord(afterValue);
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const text = (o: Record<string, unknown> | null, f: string) =>
    o && f in o ? JSON.stringify(o[f]) : undefined;
  const rows = fields.map((field) => {
    const b = text(before, field);
    const a = text(after, field);
    return { field, before: b, after: a, changed: b !== a };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

/** The JSON scalar's value as an object of fields; anything else (null, a bare value) has none. */
function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
