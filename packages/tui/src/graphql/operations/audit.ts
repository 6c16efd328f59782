import { operation } from '../document.ts';
import type { PageInfo } from './types.ts';

export interface AuditEventRow {
  readonly id: string;
  readonly at: string;
  readonly action: string;
  readonly actor: string;
  readonly actorUser: { readonly name: string } | null;
  readonly subjectType: string;
  readonly subjectId: string;
  /** The JSON scalar: the recorded fields as an object. */
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

export interface AuditFilter {
  action?: string;
  subjectType?: string;
}

export const AuditEventsQuery = operation<
  { auditEvents: { pageInfo: PageInfo; nodes: AuditEventRow[] } },
  { first: number; after?: string | null; filter: AuditFilter }
>(
  'AuditEvents',
  `query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      pageInfo { endCursor hasNextPage }
      nodes { id at action actor actorUser { name } subjectType subjectId before after }
    }
  }`,
);
