import { type ConnectionCheck, ID_PREFIXES, type Provider as ProviderModel } from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { payloadType } from './payloads.ts';
import { registerNodeIdPrefix, settle } from './user-errors.ts';

export const Provider = builder.objectRef<ProviderModel>('Provider');
registerNodeIdPrefix(ID_PREFIXES.provider, 'Provider');

builder.node(Provider, {
  description: 'A Tyk Dashboard the portal works with. Admins only. Its API key goes in and never comes out.',
  id: { resolve: (provider) => provider.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.providers, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique name in the portal.' }),
    dashboardUrl: t.exposeString('dashboardUrl', { description: 'Base URL of the Dashboard API.' }),
    orgId: t.exposeString('orgId', { description: 'The Tyk organisation id the API key belongs to.' }),
    gatewayUrl: t.exposeString('gatewayUrl', {
      nullable: true,
      description: 'Where consumers call the APIs, when known.',
    }),
    requestTimeoutMs: t.exposeInt('requestTimeoutMs', { description: 'Timeout of each Dashboard call.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

const ProviderConnection = builder.connectionObject(
  { type: Provider, name: 'ProviderConnection', description: 'A page of providers.' },
  { name: 'ProviderEdge', description: 'A provider in a page, with its cursor.' },
);

builder.queryField('providers', (t) =>
  t.field({
    authScopes: { admin: true },
    type: ProviderConnection,
    args: forwardPageArgs(t.arg),
    description: 'Providers by name. Admins only. Pages forwards (`first`, `after`).',
    resolve: async (_root, args, ctx) =>
      keysetPageConnection(args, await ctx.core.providers.list(forwardPage(args), viewerOf(ctx).actor)),
  }),
);

const ConnectionCheckRef = builder.objectRef<ConnectionCheck>('ProviderConnectionCheck').implement({
  description: 'A successful read of the first page of the Dashboard certificate store.',
  fields: (t) => ({
    certificatePages: t.exposeInt('certificatePages', { description: 'Pages of certificates reported.' }),
    latencyMs: t.exposeInt('latencyMs', { description: 'How long the call took.' }),
  }),
});

const ProviderCreateInput = builder.inputType('ProviderCreateInput', {
  description: 'A Dashboard to add.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique name in the portal.' }),
    dashboardUrl: t.string({ required: true, description: 'Base URL of the Dashboard API (http or https).' }),
    orgId: t.string({ required: true, description: 'The Tyk organisation id of the API key.' }),
    apiKey: t.string({
      required: true,
      description: 'A Dashboard API key. Stored encrypted; never returned.',
    }),
    gatewayUrl: t.string({ description: 'Where consumers call the APIs.' }),
    requestTimeoutMs: t.int({
      description: 'Timeout of each Dashboard call, 100 to 120000 (default 10000).',
    }),
  }),
});

const ProviderUpdateInput = builder.inputType('ProviderUpdateInput', {
  description: 'Changes to a provider; omitted fields stay as they are.',
  fields: (t) => ({
    provider: t.globalID({ for: Provider, required: true, description: 'The provider to change.' }),
    name: t.string({ description: 'New unique name.' }),
    dashboardUrl: t.string({ description: 'New base URL of the Dashboard API.' }),
    orgId: t.string({ description: 'New Tyk organisation id.' }),
    apiKey: t.string({ description: 'New Dashboard API key; replaces the stored one.' }),
    gatewayUrl: t.string({ description: 'New gateway URL; null clears it.' }),
    requestTimeoutMs: t.int({ description: 'New timeout of each Dashboard call.' }),
  }),
});

const ProviderRefInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      provider: t.globalID({ for: Provider, required: true, description: 'The provider.' }),
    }),
  });

const providerPayload = (name: string, description: string) =>
  payloadType(name, { description, field: 'provider', type: Provider, fieldDescription: 'The provider.' });

builder.mutationFields((t) => ({
  providerCreate: t.withAuth({ admin: true }).field({
    type: providerPayload('ProviderCreatePayload', 'The added provider, or why not.'),
    description: 'Adds a Dashboard. Admins only. Does not call it: see `providerTestConnection`.',
    args: { input: t.arg({ type: ProviderCreateInput, required: true, description: 'The provider.' }) },
    resolve: async (_root, { input: { requestTimeoutMs, ...input } }, ctx) =>
      settle(
        await ctx.core.providers.create(
          { ...input, requestTimeoutMs: requestTimeoutMs ?? undefined },
          ctx.viewer.actor,
        ),
      ),
  }),
  providerUpdate: t.withAuth({ admin: true }).field({
    type: providerPayload('ProviderUpdatePayload', 'The changed provider, or why not.'),
    description: 'Changes a provider; a new `apiKey` replaces the stored one. Admins only.',
    args: { input: t.arg({ type: ProviderUpdateInput, required: true, description: 'The changes.' }) },
    resolve: async (_root, { input: { provider, gatewayUrl, ...rest } }, ctx) => {
      // Absent and null mean "unchanged", except for gatewayUrl, where null clears it.
      const patch = Object.fromEntries(Object.entries(rest).filter(([, value]) => value != null));
      const changes = gatewayUrl === undefined ? patch : { ...patch, gatewayUrl };
      return settle(await ctx.core.providers.update(provider.id, changes, ctx.viewer.actor), {
        subject: 'provider',
      });
    },
  }),
  providerDelete: t.withAuth({ admin: true }).field({
    type: providerPayload('ProviderDeletePayload', 'The removed provider, or why not.'),
    description: 'Removes a provider that no certificate or product refers to any more. Admins only.',
    args: {
      input: t.arg({
        type: ProviderRefInput('ProviderDeleteInput', 'The provider to remove.'),
        required: true,
        description: 'The provider.',
      }),
    },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.providers.remove(input.provider.id, ctx.viewer.actor), { subject: 'provider' }),
  }),
  providerTestConnection: t.field({
    type: payloadType('ProviderTestConnectionPayload', {
      description: 'What the Dashboard answered, or why it could not be read.',
      field: 'connectionCheck',
      type: ConnectionCheckRef,
      fieldDescription: 'The successful check; null when it failed (see userErrors, `DASHBOARD_*`).',
    }),
    description: 'Reads the first page of the Dashboard certificate store with the stored key. Admins only.',
    authScopes: { admin: true },
    args: {
      input: t.arg({
        type: ProviderRefInput('ProviderTestConnectionInput', 'The provider to check.'),
        required: true,
        description: 'The provider.',
      }),
    },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.providers.testConnection(input.provider.id), { subject: 'provider' }),
  }),
}));
