import {
  AUDIT_ACTIONS,
  AUDIT_SUBJECT_TYPES,
  type AuditAction,
  type AuditActor as AuditActorModel,
  type AuditEvent as AuditEventModel,
  type AuditSubjectType,
  auditActions,
  auditActorOf,
  auditSubjectTypes,
  ID_PREFIXES,
} from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { checkPageArgs, forwardPageArgs } from './connections.ts';
import { domainGraphQLError, registerNodeIdPrefix, withGlobalIds } from './user-errors.ts';
import { User } from './users.ts';

export const AuditEvent = builder.objectRef<AuditEventModel>('AuditEvent');
registerNodeIdPrefix(ID_PREFIXES.auditEvent, 'AuditEvent');

// Core's raw ids never reach a client: ids inside the recorded fields become global ids too.
/** The recorded fields, with every portal id inside written as the global id GraphQL uses. */
const json = (value: Record<string, unknown> | null): unknown =>
  value === null ? null : JSON.parse(withGlobalIds(JSON.stringify(value)));

/** GraphQL names an enum value in capitals without dots: `certificate.rename` → `CERTIFICATE_RENAME`. */
export const auditEnumName = (value: string): string => value.toUpperCase().replaceAll('.', '_');

function enumValues<V extends string>(values: readonly V[], descriptions: Record<V, string>) {
  const entries = values.map((value) => [auditEnumName(value), { value, description: descriptions[value] }]);
  // Two core values that differ only in case or in `.` vs `_` would meet here: refuse at start-up.
  if (new Set(entries.map(([name]) => name)).size !== entries.length)
    throw new Error(`Two audit values share a GraphQL name: ${values.join(', ')}`);
  return Object.fromEntries(entries) as Record<string, { value: V; description: string }>;
}

// Both enums are made from core's catalogue (the list recordAudit's signature takes its types from),
// so every action a service can record is a value here.
const AuditActionEnum = builder.enumType('AuditAction', {
  description: 'What an audit event recorded: `<subject>.<verb>` in core, e.g. CERTIFICATE_RENAME.',
  values: enumValues<AuditAction>(auditActions, AUDIT_ACTIONS),
});

const AuditSubjectTypeEnum = builder.enumType('AuditSubjectType', {
  description: 'The kind of object an audit event is about.',
  values: enumValues<AuditSubjectType>(auditSubjectTypes, AUDIT_SUBJECT_TYPES),
});

const AuditActorKind = builder.enumType('AuditActorKind', {
  description: 'Who acted: a person, or a background job of the portal.',
  values: {
    USER: { description: 'A user (an admin or a consumer) acting through the API or the TUI.' },
    SYSTEM: { description: 'A background job: sync, provisioning, the expiry scan, start-up configuration.' },
  },
});

const AuditActor = builder.objectRef<AuditActorModel>('AuditActor').implement({
  description: 'Who made a recorded change: a user, or a system job.',
  fields: (t) => ({
    kind: t.field({ type: AuditActorKind, description: 'A user or a system job.', resolve: (a) => a.kind }),
    user: t.field({
      type: User,
      nullable: true,
      description: 'The user; null for a system job and for a user since removed.',
      resolve: (a, _args, ctx) => (a.kind === 'USER' ? ctx.loaders.users.load(a.userId) : null),
    }),
    userId: t.id({
      nullable: true,
      description: "The user's global id, kept after the user is removed; null for a system job.",
      resolve: (a) => (a.kind === 'USER' ? withGlobalIds(a.userId) : null),
    }),
    component: t.string({
      nullable: true,
      description: 'The system job (`sync`, `provisioning`, `expiry-scan`, …); null for a user.',
      resolve: (a) => (a.kind === 'SYSTEM' ? a.component : null),
    }),
  }),
});

builder.node(AuditEvent, {
  description: 'One recorded change: who made it, what it was, to which object, and when. Admins only.',
  id: { resolve: (event) => event.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.auditEvents, ids),
  fields: (t) => ({
    actor: t.field({
      type: AuditActor,
      description: 'Who made the change: a user, or a system job.',
      resolve: (event) => auditActorOf(event.actor),
    }),
    action: t.expose('action', { type: AuditActionEnum, description: 'What the change was.' }),
    subjectType: t.expose('subjectType', {
      type: AuditSubjectTypeEnum,
      description: 'What kind of object changed.',
    }),
    subjectId: t.string({
      description:
        "The changed object's id: a global id where the object is a Node, else as the provider names it.",
      resolve: (event) => withGlobalIds(event.subjectId),
    }),
    subject: t.node({
      description: 'The changed object, when it is a Node that still exists; null otherwise.',
      id: (event) => {
        const id = withGlobalIds(event.subjectId);
        return id === event.subjectId ? null : id;
      },
    }),
    before: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Its relevant fields before the change, as an object; null for creations. Never secrets.',
      resolve: (event) => json(event.before),
    }),
    after: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The same fields after the change, as an object; null for deletions. Never secrets.',
      resolve: (event) => json(event.after),
    }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was recorded.' }),
  }),
});

const AuditEventConnection = builder.connectionObject(
  { type: AuditEvent, name: 'AuditEventConnection', description: 'A page of audit events, newest first.' },
  { name: 'AuditEventEdge', description: 'An audit event in a page, with its cursor.' },
);

const AuditActorFilter = builder.inputType('AuditActorFilter', {
  description: 'One actor: a user, or a system job.',
  isOneOf: true,
  fields: (t) => ({
    user: t.globalID({ for: User, description: 'This user (their global id).' }),
    component: t.string({ description: 'This system job, e.g. `sync`.' }),
  }),
});

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  description: 'Which audit events to list; every field given must match.',
  fields: (t) => ({
    action: t.field({ type: AuditActionEnum, description: 'Exactly this action.' }),
    subjectType: t.field({
      type: AuditSubjectTypeEnum,
      description: 'Only events about this kind of object.',
    }),
    subject: t.globalID({ description: 'Only events about this object (a global id of any type).' }),
    actor: t.field({ type: AuditActorFilter, description: 'Only events by this actor.' }),
    search: t.string({
      description:
        'Free text: a case-insensitive part of the action as core writes it (`certificate.rename`, ' +
        '`rename`), of the subject type, or of a system job (`system:sync`).',
    }),
    since: t.field({ type: 'DateTime', description: 'Recorded at or after this instant.' }),
    until: t.field({ type: 'DateTime', description: 'Recorded before this instant.' }),
  }),
});

builder.queryField('auditEvents', (t) =>
  t.field({
    authScopes: { admin: true },
    type: AuditEventConnection,
    description: 'The audit log, newest first. Admins only. Pages forwards (`first`, `after`).',
    args: {
      ...forwardPageArgs(t.arg),
      filter: t.arg({ type: AuditEventFilter, description: 'Which events to list.' }),
    },
    resolve: async (_root, args, ctx) => {
      checkPageArgs(args);
      const f = args.filter ?? {};
      const page = await ctx.core.audit.list(
        {
          action: f.action ?? undefined,
          subjectType: f.subjectType ?? undefined,
          subjectId: f.subject?.id,
          actor: f.actor?.user
            ? f.actor.user.id
            : f.actor?.component
              ? `system:${f.actor.component}`
              : undefined,
          search: f.search ?? undefined,
          since: f.since ?? undefined,
          until: f.until ?? undefined,
        },
        { first: args.first ?? undefined, after: args.after ?? undefined },
        viewerOf(ctx).actor,
      );
      if (!page.ok) throw domainGraphQLError(page.error);
      const { edges, pageInfo } = page.value;
      return {
        edges,
        pageInfo: {
          ...pageInfo,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
        },
      };
    },
  }),
);
