// `s`: start a sync of a provider (the view's, the selected run's, or the only one) and watch it.
import { useCallback } from 'react';
import { useApp } from '../../app-context.ts';
import { ProvidersQuery } from '../../graphql/operations/providers.ts';
import { flash } from '../../state/app-state.ts';
import type { TrackedRun } from './sync-tracker.ts';

export function useStartSync(onDone: () => void) {
  const { client, dispatch, syncTracker } = useApp();
  return useCallback(
    async (providerId: string | undefined) => {
      let provider = providerId;
      if (!provider) {
        const providers = (await client.query(ProvidersQuery, {}).toPromise()).data?.providers.nodes ?? [];
        if (providers.length !== 1) {
          dispatch(flash('warn', 'Which provider? Pick one in :providers and press s there.'));
          return;
        }
        provider = providers[0]!.id;
      }
      const finished = (run: TrackedRun) => {
        const p = run.progress;
        const level = p?.status === 'SUCCEEDED' ? 'info' : p?.status === 'HELD' ? 'warn' : 'error';
        const counts = p?.counts
          ? `: +${p.counts.added} added, ${p.counts.restored} restored, −${p.counts.softDeleted} soft-deleted`
          : '';
        dispatch(
          flash(
            level,
            `Sync of ${run.providerName} ${p?.status.toLowerCase() ?? 'ended'}${counts}${p?.error ? ` (${p.error})` : ''}.`,
          ),
        );
        onDone();
      };
      const outcome = await syncTracker.start(provider, finished);
      if (!outcome.ok) dispatch(flash('error', outcome.message));
      else
        dispatch(flash('info', `Sync of ${outcome.payload.syncRun?.provider?.name ?? 'provider'} started.`));
    },
    [client, dispatch, syncTracker, onDone],
  );
}
