import { useApp, useRowState, useSelection, useViewKeys } from '../../app-context.ts';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { requestStatus } from '../../format/status.ts';
import { ago } from '../../format/time.ts';
import { type AccessRequestRow, AccessRequestsQuery } from '../../graphql/operations/access-requests.ts';
import { useQuery } from '../../graphql/use-query.ts';
import type { ViewProps } from '../view-props.ts';
import { useRequestActions } from './use-request-actions.tsx';

const COLUMNS: Column<AccessRequestRow>[] = [
  { title: 'SUBMITTED', width: 10, cell: (r) => ago(r.createdAt) },
  {
    title: 'ORGANISATION',
    width: 18,
    flex: true,
    minWidth: 12,
    cell: (r) => r.app.organisation?.name ?? '-',
  },
  { title: 'APP', width: 16, flex: true, minWidth: 8, cell: (r) => r.app.name },
  { title: 'PRODUCT', width: 24, flex: true, minWidth: 10, cell: (r) => r.product.name },
  { title: 'PLAN', width: 10, flex: true, minWidth: 6, priority: 1, cell: (r) => r.plan.name },
  { title: 'STATUS', width: 13, cell: (r) => requestStatus(r.status) },
  { title: 'TRIES', width: 5, cell: (r) => String(r.attempts) },
  {
    title: 'WHY',
    width: 30,
    flex: true,
    cell: (r) => ({
      text: r.failureReason ?? r.rejectReason ?? '',
      color: r.failureReason ? 'red' : undefined,
    }),
  },
];

export function RequestList({ entry, height, width }: ViewProps) {
  const { dispatch } = useApp();
  const { data, error, fetching, refetch } = useQuery(AccessRequestsQuery, { first: 100 }, { live: true });
  const filter = entry.filter.toLowerCase();
  const rows = (data?.accessRequests.nodes ?? []).filter(
    (r) =>
      !filter ||
      `${r.status} ${r.app.name} ${r.app.organisation?.name} ${r.product.name} ${r.plan.name}`
        .toLowerCase()
        .includes(filter),
  );
  const rowsHeight = Math.max(1, height - 2);
  const { cursor, move } = useTableCursor(rows.length, rowsHeight, entry.filter);
  const selected = rows[cursor.index];
  const actions = useRequestActions(refetch);

  useRowState(selected?.status);
  useSelection(selected);
  useViewKeys((id) => {
    if (move(id)) return true;
    if (!selected) return false;
    if (id === 'approve') actions.approve(selected);
    else if (id === 'retry') actions.retry(selected);
    else if (id === 'reject') actions.askReject(selected);
    else if (id === 'reprovision') actions.reprovision(selected);
    else if (id === 'revoke') actions.askRevoke(selected);
    else if (id === 'open')
      dispatch({
        type: 'view/open',
        view: 'request',
        label: `${selected.app.name} → ${selected.product.name}`,
        params: { id: selected.id },
      });
    else return false;
    return true;
  });

  if (actions.dialog) return actions.dialog;
  const pending = rows.filter((r) => r.status === 'PENDING').length;
  return (
    <ListView
      title="Access requests"
      summary={` (${rows.length}, ${pending} pending)${fetching ? '  loading…' : ''}`}
      error={error}
      columns={COLUMNS}
      rows={rows}
      cursor={cursor}
      height={rowsHeight}
      width={width}
      rowKey={(r) => r.id}
      empty="No access requests."
    />
  );
}
