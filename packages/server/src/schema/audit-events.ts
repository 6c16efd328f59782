import { decodeGlobalID } from '@pothos/plugin-relay';
import { type AuditEvent as AuditEventModel, ID_PREFIXES } from '@repo/core';
import { GraphQLError } from 'graphql';
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

builder.node(AuditEvent, {
  description: 'One recorded change: who made it, what it was, to which object, and when. Admins only.',
  id: { resolve: (event) => event.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.auditEvents, ids),
  fields: (t) => ({
    actor: t.string({
      description: "Who: a user's global id, or `system:<component>` (`system:sync`) for background work.",
      resolve: (event) => withGlobalIds(event.actor),
    }),
    actorUser: t.field({
      type: User,
      nullable: true,
      description: 'The user who acted; null for background work and for users since removed.',
      resolve: (event, _args, ctx) =>
        event.actor.startsWith(`${ID_PREFIXES.user}_`) ? ctx.loaders.users.load(event.actor) : null,
    }),
    action: t.exposeString('action', {
      description: '`<subject>.<verb>`: `certificate.rename`, `certificate.expiring_soon`, …',
    }),
    subjectType: t.exposeString('subjectType', {
      description: 'What kind of object changed: `certificate`, `organisation`, `access_request`, `api`, …',
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

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  description: 'Which audit events to list; every field given must match.',
  fields: (t) => ({
    action: t.string({ description: 'Exactly this action, e.g. `certificate.expired`.' }),
    subjectType: t.string({ description: 'Only events about this kind of object, e.g. `certificate`.' }),
    subject: t.globalID({ description: 'Only events about this object (a global id of any type).' }),
    actor: t.string({ description: "Only this actor: a user's global id, or `system:<component>`." }),
  }),
});

/** A user's global id → its raw id; `system:…` labels pass through. */
function actorLabel(actor: string | null | undefined): string | undefined {
  if (actor == null || actor.startsWith('system:')) return actor ?? undefined;
  try {
    const { typename, id } = decodeGlobalID(actor);
    if (typename === 'User') return id;
  } catch {
    // Reported below, with the same message as any other wrong value.
  }
  throw new GraphQLError("filter.actor must be a user's global id or `system:<component>`.", {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

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
          actor: actorLabel(f.actor),
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
