import { useEffect, useMemo } from 'react';
import { useApp, useSelection, useViewKeys } from '../../app-context.ts';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { actorName, auditFilter, enumWords, subjectName } from '../../format/audit.ts';
import { dateTimeSeconds } from '../../format/time.ts';
import { type AuditEventRow, AuditEventsQuery } from '../../graphql/operations/audit.ts';
import { usePager } from '../../graphql/use-pager.ts';
import { wantsMore } from '../../state/pager.ts';
import type { ViewProps } from '../view-props.ts';

const COLUMNS: Column<AuditEventRow>[] = [
  { title: 'AT', width: 19, cell: (e) => dateTimeSeconds(e.at) },
  {
    title: 'ACTION',
    width: 32,
    flex: true,
    minWidth: 16,
    cell: (e) => ({ text: enumWords(e.action), color: e.action.includes('EXPIRE') ? 'yellow' : undefined }),
  },
  { title: 'ACTOR', width: 22, flex: true, minWidth: 10, cell: (e) => actorName(e.actor) },
  { title: 'KIND', width: 14, priority: 1, cell: (e) => enumWords(e.subjectType) },
  {
    title: 'SUBJECT',
    width: 30,
    flex: true,
    minWidth: 10,
    // An API (named by the Dashboard) or an object since deleted: its id, dimmed.
    cell: (e) => subjectName(e.subject) ?? { text: e.subjectId, color: 'gray' },
  },
];

export function AuditList({ entry, height, width }: ViewProps) {
  const { dispatch } = useApp();
  const filter = useMemo(() => auditFilter(entry.filter), [entry.filter]);
  const { pager, loadMore } = usePager(AuditEventsQuery, { filter }, (d) => d.auditEvents, 100);
  const rowsHeight = Math.max(1, height - 2);
  const { cursor, move } = useTableCursor(pager.rows.length, rowsHeight, entry.filter);
  const selected = pager.rows[cursor.index];
  useSelection(selected);

  useEffect(() => {
    if (wantsMore(pager, cursor.index, rowsHeight)) loadMore();
  }, [pager, cursor.index, rowsHeight, loadMore]);

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id !== 'open' || !selected) return false;
    dispatch({
      type: 'view/open',
      view: 'auditEvent',
      label: enumWords(selected.action),
      params: { id: selected.id, json: JSON.stringify(selected) },
    });
    return true;
  });

  return (
    <ListView
      title="Audit events"
      summary={` (${pager.rows.length}${pager.hasNextPage ? '+' : ''})${pager.loading ? '  loading…' : ''}`}
      error={pager.error}
      columns={COLUMNS}
      rows={pager.rows}
      cursor={cursor}
      height={rowsHeight}
      width={width}
      rowKey={(e) => e.id}
      empty="No audit events."
    />
  );
}
