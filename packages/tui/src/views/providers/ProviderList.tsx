import { useApp, useSelection, useViewKeys } from '../../app-context.ts';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { elapsed } from '../../format/time.ts';
import { mutate } from '../../graphql/mutate.ts';
import {
  type ProviderRow,
  ProvidersQuery,
  ProviderTestConnectionMutation,
} from '../../graphql/operations/providers.ts';
import { useQuery } from '../../graphql/use-query.ts';
import { flash } from '../../state/app-state.ts';
import { useStartSync } from '../sync/use-start-sync.ts';
import type { ViewProps } from '../view-props.ts';
import { useProviderForm } from './use-provider-form.tsx';

const COLUMNS: Column<ProviderRow>[] = [
  { title: 'NAME', width: 28, flex: true, minWidth: 12, cell: (p) => p.name },
  { title: 'DASHBOARD', width: 32, flex: true, minWidth: 16, cell: (p) => p.dashboardUrl },
  { title: 'GATEWAY', width: 28, flex: true, minWidth: 12, cell: (p) => p.gatewayUrl ?? '-' },
  { title: 'ORG ID', width: 26, flex: true, minWidth: 10, cell: (p) => p.orgId },
  { title: 'TIMEOUT', width: 8, cell: (p) => elapsed(p.requestTimeoutMs) },
];

export function ProviderList({ entry, height, width }: ViewProps) {
  const { client, dispatch } = useApp();
  const { data, error, fetching, refetch } = useQuery(ProvidersQuery, {}, { live: true });
  const filter = entry.filter.toLowerCase();
  const rows = (data?.providers.nodes ?? []).filter(
    (p) => !filter || `${p.name} ${p.dashboardUrl} ${p.orgId}`.toLowerCase().includes(filter),
  );
  const rowsHeight = Math.max(1, height - 2);
  const { cursor, move } = useTableCursor(rows.length, rowsHeight, entry.filter);
  const selected = rows[cursor.index];
  useSelection(selected);
  const startSync = useStartSync(() => {});
  const form = useProviderForm(refetch);

  const test = async (provider: ProviderRow) => {
    dispatch(flash('info', `Testing ${provider.name}…`));
    const outcome = await mutate(
      client,
      ProviderTestConnectionMutation,
      { provider: provider.id },
      (d) => d.providerTestConnection,
    );
    if (!outcome.ok) return dispatch(flash('error', `${provider.name}: ${outcome.message}`));
    const check = outcome.payload.connectionCheck;
    dispatch(
      flash(
        'info',
        `${provider.name} answered in ${elapsed(check?.latencyMs ?? 0)} (${check?.certificatePages} page(s) of certificates).`,
      ),
    );
  };

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id === 'create') {
      form.add();
      return true;
    }
    if (!selected) return false;
    if (id === 'drill')
      dispatch({ type: 'view/open', view: 'certs', label: selected.name, params: { provider: selected.id } });
    else if (id === 'test') void test(selected);
    else if (id === 'edit') form.edit(selected);
    else if (id === 'drift')
      dispatch({
        type: 'view/open',
        view: 'drift',
        label: `drift of ${selected.name}`,
        params: { provider: selected.id },
      });
    else if (id === 'sync') {
      void startSync(selected.id);
      dispatch({ type: 'view/open', view: 'sync', label: selected.name, params: { provider: selected.id } });
    } else return false;
    return true;
  });

  if (form.dialog) return form.dialog;
  return (
    <ListView
      title="Providers"
      summary={` (${rows.length})${fetching ? '  loading…' : ''}`}
      error={error}
      columns={COLUMNS}
      rows={rows}
      cursor={cursor}
      height={rowsHeight}
      width={width}
      rowKey={(p) => p.id}
      empty="No providers."
    />
  );
}
