import { ID_PREFIXES, type User as UserModel } from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { Organisation } from './organisations.ts';
import {
  registerNodeIdPrefix,
  settle,
  USER_ERRORS_DOC,
  UserError,
  type UserErrorShape,
} from './user-errors.ts';

export const User = builder.objectRef<UserModel>('User');
registerNodeIdPrefix(ID_PREFIXES.user, 'User');

const UserRole = builder.enumType('UserRole', {
  description: 'What a user may do.',
  values: {
    ADMIN: { description: 'Runs the portal: sees and changes everything.' },
    CONSUMER: { description: "A developer of one organisation: sees that organisation's data only." },
  } as const,
});

builder.node(User, {
  description: 'Someone who calls the portal with a bearer token. The token is never shown again.',
  id: { resolve: (user) => user.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.users, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    role: t.expose('role', { type: UserRole, description: 'Admin or consumer.' }),
    organisation: t.field({
      type: Organisation,
      nullable: true,
      description: "A consumer's organisation; null for admins.",
      resolve: (user, _args, ctx) =>
        user.organisationId === null ? null : ctx.loaders.organisations.load(user.organisationId),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

const UserConnection = builder.connectionObject(
  { type: User, name: 'UserConnection', description: 'A page of users.' },
  { name: 'UserEdge', description: 'A user in a page, with its cursor.' },
);

const UserFilter = builder.inputType('UserFilter', {
  description: 'Which users to list.',
  fields: (t) => ({
    organisation: t.globalID({ for: Organisation, description: "Only this organisation's consumers." }),
    role: t.field({ type: UserRole, description: 'Only users with this role.' }),
  }),
});

builder.queryFields((t) => ({
  users: t.field({
    type: UserConnection,
    description:
      "Users by name: every one for admins, its own organisation's for a consumer. Pages forwards (`first`, `after`).",
    args: {
      ...forwardPageArgs(t.arg),
      filter: t.arg({ type: UserFilter, description: 'Which users to list.' }),
    },
    resolve: async (_root, args, ctx) => {
      const page = forwardPage(args);
      // A consumer naming another organisation gets an empty page: core scopes the read.
      const filter = {
        organisationId: args.filter?.organisation?.id,
        role: args.filter?.role ?? undefined,
      };
      return keysetPageConnection(args, await ctx.core.users.list(filter, page, viewerOf(ctx).actor));
    },
  }),
}));

const UserCreateInput = builder.inputType('UserCreateInput', {
  description: 'A user to create.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Display name, 1 to 100 characters.' }),
    role: t.field({ type: UserRole, required: true, description: 'Admin or consumer.' }),
    organisation: t.globalID({
      for: Organisation,
      description: "A consumer's organisation (required for them).",
    }),
  }),
});

interface UserCreated {
  readonly user: UserModel | null;
  readonly token: string | null;
  readonly userErrors: readonly UserErrorShape[];
}

const UserCreatePayload = builder.objectRef<UserCreated>('UserCreatePayload').implement({
  description: 'The created user and its token, or why not.',
  fields: (t) => ({
    user: t.expose('user', { type: User, nullable: true, description: 'The new user.' }),
    token: t.exposeString('token', {
      nullable: true,
      description: 'Its bearer token. Shown this once: only a hash is kept, so it cannot be read again.',
    }),
    userErrors: t.expose('userErrors', { type: [UserError], description: USER_ERRORS_DOC }),
  }),
});

builder.mutationField('userCreate', (t) =>
  t.withAuth({ admin: true }).field({
    type: UserCreatePayload,
    description: 'Creates an admin or a consumer and issues its bearer token. Admins only.',
    args: { input: t.arg({ type: UserCreateInput, required: true, description: 'The user.' }) },
    resolve: async (_root, { input }, ctx) => {
      const created = await ctx.core.users.create(
        input.role === 'ADMIN'
          ? { role: 'ADMIN', name: input.name }
          : { role: 'CONSUMER', name: input.name, organisationId: input.organisation?.id ?? '' },
        ctx.viewer.actor,
      );
      const { value, userErrors } = settle(created);
      return { user: value?.user ?? null, token: value?.token ?? null, userErrors };
    },
  }),
);
