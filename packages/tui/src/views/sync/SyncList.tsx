// `:sync`: the runs, newest first, under the progress of the run being watched. `s` starts a
// sync, `c` applies a HELD run (asks first), ctrl-d discards it, `enter` shows a run.
import { Box } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import { useApp, useViewKeys } from '../../app-context.ts';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { usePagedRows } from '../../components/use-paged-rows.ts';
import { syncStatus } from '../../format/status.ts';
import { ago, elapsed } from '../../format/time.ts';
import { type SyncRunRow, SyncRunsQuery } from '../../graphql/operations/sync.ts';
import type { ViewProps } from '../view-props.ts';
import { SyncProgressPanel } from './SyncProgressPanel.tsx';
import { useHeldRun } from './use-held-run.tsx';
import { useStartSync } from './use-start-sync.ts';

const COLUMNS: Column<SyncRunRow>[] = [
  { title: 'STARTED', width: 10, cell: (r) => ago(r.startedAt) },
  { title: 'PROVIDER', width: 24, flex: true, minWidth: 8, cell: (r) => r.provider?.name ?? '-' },
  { title: 'STATUS', width: 10, cell: (r) => syncStatus(r.status) },
  { title: 'TRIGGER', width: 8, cell: (r) => r.trigger.toLowerCase() },
  {
    title: 'TOOK',
    width: 8,
    cell: (r) => (r.durationMs === null ? '-' : elapsed(r.durationMs)),
  },
  { title: 'ADDED', width: 6, cell: (r) => String(r.counts.added) },
  { title: 'RESTORED', width: 8, cell: (r) => String(r.counts.restored) },
  { title: 'DELETED', width: 8, cell: (r) => String(r.counts.softDeleted) },
  { title: 'UNCHANGED', width: 9, cell: (r) => String(r.counts.unchanged) },
  {
    title: 'ERROR',
    width: 20,
    flex: true,
    minWidth: 8,
    cell: (r) => ({ text: r.error ?? '', color: 'red' }),
  },
];

export function SyncList(view: ViewProps) {
  const { entry, width } = view;
  const { dispatch, syncTracker } = useApp();
  const tracked = useSyncExternalStore(syncTracker.subscribe, syncTracker.get);
  const panel = tracked ? (tracked.progress?.counts ? 6 : 5) : 0;
  // Paged as the table scrolls, and live over every loaded page (as :requests).
  const { move, selected, reload, summary, table } = usePagedRows(
    SyncRunsQuery,
    (d) => d.syncRuns,
    { ...view, height: view.height - panel },
    {
      text: (r) => `${r.provider?.name} ${r.status} ${r.error ?? ''}`,
      state: (r) => r.status,
      variables: { provider: entry.params.provider ?? null },
      live: true,
    },
  );
  const held = useHeldRun(reload);
  const start = useStartSync(reload);

  // The watched run ended: show how the listing changed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the run reaches DONE.
  useEffect(() => {
    if (tracked?.done) reload();
  }, [tracked?.done, tracked?.runId]);

  useViewKeys((id) => {
    if (move(id)) return true;
    switch (id) {
      case 'sync':
        void start(entry.params.provider ?? selected?.provider?.id);
        return true;
      case 'confirm':
        if (selected) held.askConfirm(selected);
        return true;
      case 'discard':
        if (selected) void held.discard(selected);
        return true;
      case 'open':
        if (selected)
          dispatch({
            type: 'view/open',
            view: 'syncRun',
            label: `Run ${ago(selected.startedAt)}`,
            params: { id: selected.id },
          });
        return true;
    }
    return false;
  });

  if (held.dialog) return held.dialog;
  return (
    <Box flexDirection="column">
      {tracked ? <SyncProgressPanel run={tracked} width={width} /> : null}
      <ListView
        title="Sync runs"
        summary={summary()}
        columns={COLUMNS}
        {...table}
        rowKey={(r) => r.id}
        empty="No sync runs yet: press s to start one."
      />
    </Box>
  );
}
