import { useApp, useViewKeys } from '../../app-context.ts';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { usePagedRows } from '../../components/use-paged-rows.ts';
import { requestStatus } from '../../format/status.ts';
import { ago } from '../../format/time.ts';
import { type AccessRequestRow, AccessRequestsQuery } from '../../graphql/operations/access-requests.ts';
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

export function RequestList(view: ViewProps) {
  const { dispatch } = useApp();
  // Paged as the table scrolls (not the newest 100 only), and live: the loaded pages are read
  // again every few seconds, so a status changed elsewhere shows where the cursor is.
  const { rows, move, selected, reload, summary, table } = usePagedRows(
    AccessRequestsQuery,
    (d) => d.accessRequests,
    view,
    {
      text: (r) => `${r.status} ${r.app.name} ${r.app.organisation?.name} ${r.product.name} ${r.plan.name}`,
      state: (r) => r.status,
      live: true,
    },
  );
  const actions = useRequestActions(reload);

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
      summary={summary(`${pending} pending`)}
      columns={COLUMNS}
      {...table}
      rowKey={(r) => r.id}
      empty="No access requests."
    />
  );
}
