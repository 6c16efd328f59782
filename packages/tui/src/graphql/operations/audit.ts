// The audit log: events newest first, filtered by free text and a time range.
// The documents live in audit.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export { AuditEventsDocument as AuditEventsQuery } from '../generated.ts';

export type AuditEventRow = G.AuditEventsQuery['auditEvents']['nodes'][number];
export type AuditActorRow = AuditEventRow['actor'];
export type AuditSubjectRow = NonNullable<AuditEventRow['subject']>;
export type AuditFilter = NonNullable<G.AuditEventsQueryVariables['filter']>;
