import type { SyncAlreadyRunningError } from '@repo/core';
import { builder } from './builder.ts';
import { payloadType } from './payloads.ts';
import { Provider } from './providers.ts';
import { SyncRun } from './sync.ts';
import { registerUserErrorType, settle, UserError, type UserErrorShape } from './user-errors.ts';

// The run in the way, for errors that name one.
for (const [code, typename, description] of [
  ['SYNC_ALREADY_RUNNING', 'SyncAlreadyRunningError', 'A run of this provider is in progress.'],
] as const) {
  registerUserErrorType(code, typename);
  builder.objectRef<UserErrorShape<SyncAlreadyRunningError>>(typename).implement({
    description,
    interfaces: [UserError],
    fields: (t) => ({
      run: t.field({
        type: SyncRun,
        nullable: true,
        description: 'The run in the way.',
        resolve: (e, _args, ctx) => ctx.loaders.syncRuns.load(e.error.runId),
      }),
    }),
  });
}

const runInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({ run: t.globalID({ for: SyncRun, required: true, description: 'A HELD run.' }) }),
  });

const runPayload = (name: string, description: string) =>
  payloadType(name, { description, field: 'syncRun', type: SyncRun, fieldDescription: 'The run.' });

const SyncRunStartInput = builder.inputType('SyncRunStartInput', {
  description: 'A provider to sync now.',
  fields: (t) => ({ provider: t.globalID({ for: Provider, required: true, description: 'The provider.' }) }),
});

builder.mutationFields((t) => ({
  syncRunStart: t.withAuth({ admin: true }).field({
    type: runPayload('SyncRunStartPayload', 'The started run, or the one in the way.'),
    description:
      'Starts a sync of the provider and returns it RUNNING; follow it with `syncRunProgress`. Admins only.',
    args: { input: t.arg({ type: SyncRunStartInput, required: true, description: 'The provider.' }) },
    resolve: async (_root, { input }, ctx) => {
      const launched = await ctx.core.sync.launch(input.provider.id, 'MANUAL', ctx.viewer.actor);
      if (launched.ok) {
        launched.value.completion.catch((error) => ctx.logger.error({ err: error }, 'sync run failed'));
      }
      return settle(launched.ok ? { ok: true, value: launched.value.run } : launched, {
        subject: 'provider',
      });
    },
  }),
  syncRunConfirm: t.withAuth({ admin: true }).field({
    type: runPayload('SyncRunConfirmPayload', 'The applied run, or why not.'),
    description: "Applies a HELD run's plan (rows changed since are skipped). Admins only.",
    args: {
      input: t.arg({
        type: runInput('SyncRunConfirmInput', 'A held run to apply.'),
        required: true,
        description: 'The run.',
      }),
    },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.sync.confirm(input.run.id, ctx.viewer.actor), { subject: 'run' }),
  }),
  syncRunDiscard: t.withAuth({ admin: true }).field({
    type: runPayload('SyncRunDiscardPayload', 'The discarded run, or why not.'),
    description: "Drops a HELD run's plan; nothing changes. Admins only.",
    args: {
      input: t.arg({
        type: runInput('SyncRunDiscardInput', 'A held run to drop.'),
        required: true,
        description: 'The run.',
      }),
    },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.sync.discard(input.run.id, ctx.viewer.actor), { subject: 'run' }),
  }),
}));
