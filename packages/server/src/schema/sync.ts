import { ID_PREFIXES, type SyncRun as SyncRunModel } from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { Provider } from './providers.ts';
import { registerNodeIdPrefix } from './user-errors.ts';

export const SyncRun = builder.objectRef<SyncRunModel>('SyncRun');
registerNodeIdPrefix(ID_PREFIXES.syncRun, 'SyncRun');

export const SyncRunStatus = builder.enumType('SyncRunStatus', {
  description: 'Where a sync run stands.',
  values: {
    RUNNING: { description: 'Reading the listing or applying it.' },
    SUCCEEDED: { description: 'The store and the portal agree; counts say what changed.' },
    FAILED: { description: 'The listing could not be read whole; nothing changed (see `error`).' },
    HELD: {
      description:
        'It would soft-delete an unusual share of the store: its additions and restores applied, its ' +
        'soft deletions wait for an admin to confirm or discard. Later runs are not blocked: their deletions ' +
        'merge into it (each confirmed gone in the Dashboard; one listed again drops out).',
    },
    DISCARDED: { description: 'A held run an admin dropped; its deletions were not applied.' },
  } as const,
});

const SyncTrigger = builder.enumType('SyncTrigger', {
  description: 'What started a sync run.',
  values: {
    SCHEDULE: { description: "The server's scheduler." },
    MANUAL: { description: 'Someone asked (`syncRunStart`).' },
  } as const,
});

export const SyncRunCounts = builder
  .objectRef<Pick<SyncRunModel, 'added' | 'restored' | 'softDeleted' | 'unchanged'>>('SyncRunCounts')
  .implement({
    description:
      "What a run changed in the portal's records (for a HELD run: the additions and restores it applied, and " +
      'the soft deletions it holds).',
    fields: (t) => ({
      added: t.exposeInt('added', { description: 'Certificates new to the portal.' }),
      restored: t.exposeInt('restored', { description: 'Soft-deleted certificates that came back.' }),
      softDeleted: t.exposeInt('softDeleted', { description: 'Certificates gone from the store.' }),
      unchanged: t.exposeInt('unchanged', { description: 'Certificates already known and present.' }),
    }),
  });

builder.node(SyncRun, {
  description: "One reconciliation of a provider's certificate store with the portal's records. Admins only.",
  id: { resolve: (run) => run.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.syncRuns, ids),
  fields: (t) => ({
    provider: t.field({
      type: Provider,
      nullable: true,
      description: 'The provider whose store was read.',
      resolve: (run, _args, ctx) => ctx.loaders.providers.load(run.providerId),
    }),
    status: t.expose('status', { type: SyncRunStatus, description: 'Where it stands.' }),
    trigger: t.expose('trigger', { type: SyncTrigger, description: 'What started it.' }),
    counts: t.field({ type: SyncRunCounts, description: 'What it changed.', resolve: (run) => run }),
    error: t.exposeString('error', { nullable: true, description: 'Why it FAILED.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', description: 'When it started.' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true, description: 'When it ended.' }),
    durationMs: t.exposeInt('durationMs', { nullable: true, description: 'How long it took.' }),
  }),
});

const SyncRunConnection = builder.connectionObject(
  { type: SyncRun, name: 'SyncRunConnection', description: 'A page of sync runs.' },
  { name: 'SyncRunEdge', description: 'A sync run in a page, with its cursor.' },
);

const SyncRunFilter = builder.inputType('SyncRunFilter', {
  description: 'Which sync runs to list.',
  fields: (t) => ({
    provider: t.globalID({ for: Provider, description: "Only this provider's runs." }),
    status: t.field({ type: [SyncRunStatus], description: 'Only runs with any of these statuses.' }),
  }),
});

builder.queryField('syncRuns', (t) =>
  t.field({
    authScopes: { admin: true },
    type: SyncRunConnection,
    description: 'Sync runs, newest first. Admins only. Pages forwards (`first`, `after`).',
    args: {
      ...forwardPageArgs(t.arg),
      filter: t.arg({ type: SyncRunFilter, description: 'Which runs to list.' }),
    },
    resolve: async (_root, args, ctx) => {
      const page = forwardPage(args);
      const filter = { providerId: args.filter?.provider?.id, status: args.filter?.status ?? undefined };
      return keysetPageConnection(args, await ctx.core.sync.list(filter, page, viewerOf(ctx).actor));
    },
  }),
);
