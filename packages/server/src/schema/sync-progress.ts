import type { Core, SyncProgress, SyncRun as SyncRunModel } from '@repo/core';
import { Repeater } from 'graphql-yoga';
import { viewerOf } from '../context.ts';
import { builder } from './builder.ts';
import { Provider } from './providers.ts';
import { SyncRun, SyncRunCounts, SyncRunStatus } from './sync.ts';

const SyncPhase = builder.enumType('SyncPhase', {
  description: 'What a sync run is doing.',
  values: {
    FETCHING: { description: "Reading the Dashboard's listing, page by page." },
    APPLYING: { description: 'Applying the complete listing.' },
    DONE: { description: 'Ended (or HELD): `status` says how.' },
  } as const,
});

const Progress = builder.objectRef<SyncProgress>('SyncRunProgress').implement({
  description: 'One step of a sync run: a fetched page, or a change of state.',
  fields: (t) => ({
    run: t.field({
      type: SyncRun,
      nullable: true,
      description: 'The run, as it is now.',
      // One context serves the whole stream: read the run afresh for each event.
      resolve: (p, _args, ctx) => ctx.loaders.syncRuns.clear(p.runId).load(p.runId),
    }),
    provider: t.field({
      type: Provider,
      nullable: true,
      description: 'The provider being synced.',
      resolve: (p, _args, ctx) => ctx.loaders.providers.load(p.providerId),
    }),
    status: t.expose('status', { type: SyncRunStatus, description: 'Where the run stands.' }),
    phase: t.expose('phase', { type: SyncPhase, description: 'What it is doing.' }),
    pagesFetched: t.exposeInt('pagesFetched', {
      description: 'Pages of the listing read so far; on DONE, all the run read.',
    }),
    pagesTotal: t.exposeInt('pagesTotal', {
      nullable: true,
      description: 'Pages in all; known after the first (and kept on DONE). Null if none was read.',
    }),
    counts: t.field({
      type: SyncRunCounts,
      nullable: true,
      description: 'What it changed; set once it is DONE.',
      resolve: (p) => p.counts ?? null,
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why it FAILED.' }),
  }),
});

/** A run that has already left RUNNING, as its last event. */
function finalEvent(run: SyncRunModel): SyncProgress {
  return {
    runId: run.id,
    providerId: run.providerId,
    status: run.status,
    phase: 'DONE',
    pagesFetched: run.pagesFetched,
    pagesTotal: run.pagesTotal,
    counts: {
      added: run.added,
      restored: run.restored,
      softDeleted: run.softDeleted,
      unchanged: run.unchanged,
    },
    ...(run.error ? { error: run.error } : {}),
  };
}

/**
 * Core's in-process events, filtered. Following one run ends with its DONE event (at once, with its
 * final state, when it had already ended); following a provider or everything stays open.
 */
function progressOf(core: Core, runId: string | undefined, providerId: string | undefined) {
  return new Repeater<SyncProgress>(async (push, stop) => {
    const unsubscribe = core.sync.events.subscribe((event) => {
      if ((runId && event.runId !== runId) || (providerId && event.providerId !== providerId)) return;
      void push(event);
      if (runId && event.phase === 'DONE') stop();
    });
    if (runId) {
      // Subscribed first, then read: a run ending in between is seen one way or the other.
      const run = await core.sync.get(runId);
      if (!run) stop();
      else if (run.status !== 'RUNNING') {
        await push(finalEvent(run));
        stop();
      }
    }
    await stop;
    unsubscribe();
  });
}

builder.subscriptionField('syncRunProgress', (t) =>
  t.field({
    type: Progress,
    description:
      "Progress of sync runs started by this server process: one run's (ends when it is done), a " +
      "provider's, or every provider's. Admins only.",
    authScopes: { admin: true },
    args: {
      run: t.arg.globalID({ for: SyncRun, description: 'Follow this run only.' }),
      provider: t.arg.globalID({ for: Provider, description: "Follow this provider's runs only." }),
    },
    subscribe: (_root, args, ctx) =>
      ctx.subscriptions.hold(viewerOf(ctx).user.id, progressOf(ctx.core, args.run?.id, args.provider?.id)),
    resolve: (event) => event,
  }),
);
