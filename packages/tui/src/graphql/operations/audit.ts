import { operation } from '../document.ts';
import type { PageInfo } from './types.ts';

/** Who acted, as the schema's AuditActor. */
export interface AuditActorRow {
  readonly kind: 'USER' | 'SYSTEM';
  readonly component: string | null;
  readonly userId: string | null;
  readonly user: { readonly name: string } | null;
}

/** The changed object, when it still exists: the fields that name it. */
export interface AuditSubjectRow {
  readonly __typename: string;
  readonly name?: string;
  /** A certificate's portal name (aliased: it is nullable, the others' names are not). */
  readonly certificateName?: string | null;
  readonly subjectCn?: string | null;
  readonly app?: { readonly name: string };
  readonly product?: { readonly name: string };
}

export interface AuditEventRow {
  readonly id: string;
  readonly at: string;
  /** The AuditAction enum: `CERTIFICATE_RENAME`. */
  readonly action: string;
  readonly actor: AuditActorRow;
  /** The AuditSubjectType enum: `CERTIFICATE`. */
  readonly subjectType: string;
  readonly subjectId: string;
  readonly subject: AuditSubjectRow | null;
  /** The JSON scalar: the recorded fields as an object. */
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** The AuditEventFilter fields the audit view sets. */
export interface AuditFilter {
  search?: string;
  since?: string;
  until?: string;
}

export const AuditEventsQuery = operation<
  { auditEvents: { pageInfo: PageInfo; nodes: AuditEventRow[] } },
  { first: number; after?: string | null; filter: AuditFilter }
>(
  'AuditEvents',
  `query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      pageInfo { endCursor hasNextPage }
      nodes {
        id at action subjectType subjectId before after
        actor { kind component userId user { name } }
        subject {
          __typename
          ... on Certificate { certificateName: name subjectCn }
          ... on Organisation { name }
          ... on Product { name }
          ... on Plan { name }
          ... on Provider { name }
          ... on User { name }
          ... on App { name }
          ... on SyncRun { id }
          ... on AccessRequest { app { name } product { name } }
        }
      }
    }
  }`,
);
