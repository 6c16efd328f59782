import { ID_PREFIXES, type Organisation as OrganisationModel } from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { payloadType } from './payloads.ts';
import { registerNodeIdPrefix, settle } from './user-errors.ts';

export const Organisation = builder.objectRef<OrganisationModel>('Organisation');
registerNodeIdPrefix(ID_PREFIXES.organisation, 'Organisation');

builder.node(Organisation, {
  description: 'A consumer organisation: what a consumer sees is confined to its own.',
  id: { resolve: (organisation) => organisation.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.organisations, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique name.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

export const OrganisationConnection = builder.connectionObject(
  { type: Organisation, name: 'OrganisationConnection', description: 'A page of organisations.' },
  { name: 'OrganisationEdge', description: 'An organisation in a page, with its cursor.' },
);

const OrganisationFilter = builder.inputType('OrganisationFilter', {
  description: 'Which organisations to list.',
  fields: (t) => ({
    search: t.string({ description: 'Part of the name, any case.' }),
  }),
});

builder.queryField('organisations', (t) =>
  t.field({
    type: OrganisationConnection,
    description:
      'Organisations by name: every one for admins, its own for a consumer. Pages forwards (`first`, `after`).',
    args: {
      ...forwardPageArgs(t.arg),
      filter: t.arg({ type: OrganisationFilter, description: 'Which organisations to list.' }),
    },
    resolve: async (_root, args, ctx) => {
      const page = forwardPage(args);
      const filter = { search: args.filter?.search ?? undefined };
      return keysetPageConnection(args, await ctx.core.organisations.list(filter, page, viewerOf(ctx).actor));
    },
  }),
);

const OrganisationCreateInput = builder.inputType('OrganisationCreateInput', {
  description: 'An organisation to create.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique name, 1 to 100 characters.' }),
  }),
});

builder.mutationField('organisationCreate', (t) =>
  t.withAuth({ admin: true }).field({
    type: payloadType('OrganisationCreatePayload', {
      description: 'The created organisation, or why not.',
      field: 'organisation',
      type: Organisation,
      fieldDescription: 'The new organisation.',
    }),
    description: 'Creates a consumer organisation. Admins only.',
    args: {
      input: t.arg({ type: OrganisationCreateInput, required: true, description: 'The organisation.' }),
    },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.organisations.create(input.name, ctx.viewer.actor)),
  }),
);
