import { type App as AppModel, ID_PREFIXES, isForeignOrganisation } from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { arrayConnection } from './connections.ts';
import { Organisation } from './organisations.ts';
import { payloadType } from './payloads.ts';
import { registerNodeIdPrefix, settle } from './user-errors.ts';
import { User } from './users.ts';

export const App = builder.objectRef<AppModel>('App');
registerNodeIdPrefix(ID_PREFIXES.app, 'App');

builder.node(App, {
  description: "A consumer's application: it requests access to products and holds the credentials.",
  id: { resolve: (app) => app.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.apps, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique within its organisation.' }),
    description: t.exposeString('description', { nullable: true, description: 'What it is for.' }),
    owner: t.field({
      type: User,
      nullable: true,
      description: 'The consumer who owns it.',
      resolve: (app, _args, ctx) => ctx.loaders.users.load(app.ownerId),
    }),
    organisation: t.field({
      type: Organisation,
      nullable: true,
      description: "Its owner's organisation.",
      resolve: (app, _args, ctx) => ctx.loaders.organisations.load(app.organisationId),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

const AppConnection = builder.connectionObject(
  { type: App, name: 'AppConnection', description: 'A page of apps.' },
  { name: 'AppEdge', description: 'An app in a page, with its cursor.' },
);

const AppFilter = builder.inputType('AppFilter', {
  description: 'Which apps to list.',
  fields: (t) => ({
    organisation: t.globalID({ for: Organisation, description: "Only this organisation's apps." }),
  }),
});

builder.queryField('apps', (t) =>
  t.connection(
    {
      type: App,
      description: "Apps by name: every one for admins, its own organisation's for a consumer.",
      args: { filter: t.arg({ type: AppFilter, description: 'Which apps to list.' }) },
      resolve: async (_root, args, ctx) => {
        const organisationId = args.filter?.organisation?.id;
        if (isForeignOrganisation(viewerOf(ctx).actor, organisationId)) return arrayConnection(args, []);
        return arrayConnection(args, await ctx.core.apps.list({ organisationId }, viewerOf(ctx).actor));
      },
    },
    AppConnection,
  ),
);

const AppCreateInput = builder.inputType('AppCreateInput', {
  description: 'An app to create.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique within the organisation, 1 to 100 characters.' }),
    description: t.string({ description: 'What it is for, up to 2000 characters.' }),
    owner: t.globalID({
      for: User,
      description: "The consumer who will own it: required for admins; a consumer's apps are its own.",
    }),
  }),
});

builder.mutationField('appCreate', (t) =>
  t.withAuth({ loggedIn: true }).field({
    type: payloadType('AppCreatePayload', {
      description: 'The created app, or why not.',
      field: 'app',
      type: App,
      fieldDescription: 'The new app.',
    }),
    description: 'Creates an app: a consumer for itself, an admin for any consumer.',
    args: { input: t.arg({ type: AppCreateInput, required: true, description: 'The app.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.apps.create(
          { name: input.name, description: input.description, ownerId: input.owner?.id },
          ctx.viewer.actor,
        ),
        { fields: { ownerId: 'owner' } },
      ),
  }),
);
