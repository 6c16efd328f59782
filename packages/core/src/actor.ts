/** Who is acting: recorded on every audit event and used by services to scope what a caller sees. */
export type Actor =
  | { readonly kind: 'ADMIN'; readonly userId: string }
  | { readonly kind: 'CONSUMER'; readonly userId: string; readonly organisationId: string }
  | { readonly kind: 'SYSTEM'; readonly component: string };

/** The audit log's `actor` column: a user id, or `system:<component>`. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'SYSTEM' ? `system:${actor.component}` : actor.userId;
}

/** Who an audit event names: its `actor` label read back. */
export type AuditActor =
  | { readonly kind: 'USER'; readonly userId: string }
  | { readonly kind: 'SYSTEM'; readonly component: string };

/** The inverse of actorLabel: admins and consumers are both users in the log. */
export function auditActorOf(label: string): AuditActor {
  return label.startsWith('system:')
    ? { kind: 'SYSTEM', component: label.slice('system:'.length) }
    : { kind: 'USER', userId: label };
}

export const systemActor = (component: string): Actor => ({ kind: 'SYSTEM', component });

/** The organisation a caller is confined to; undefined for admins and system work, who see everything. */
export function organisationScope(actor: Actor): string | undefined {
  return actor.kind === 'CONSUMER' ? actor.organisationId : undefined;
}

/** A consumer naming an organisation other than its own (in a filter): it sees nothing there. */
export function isForeignOrganisation(actor: Actor, organisationId: string | undefined): boolean {
  return organisationId !== undefined && actor.kind === 'CONSUMER' && actor.organisationId !== organisationId;
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'ADMIN' || actor.kind === 'SYSTEM';
}
