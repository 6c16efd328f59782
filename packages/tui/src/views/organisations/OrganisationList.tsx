import { useEffect, useMemo } from 'react';
import { useApp, useSelection, useViewKeys } from '../../app-context.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useDialog } from '../../components/use-dialog.ts';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { dateTime } from '../../format/time.ts';
import { mutate } from '../../graphql/mutate.ts';
import {
  OrganisationCreateMutation,
  type OrganisationRow,
  OrganisationsQuery,
} from '../../graphql/operations/organisations.ts';
import { usePager } from '../../graphql/use-pager.ts';
import { flash } from '../../state/app-state.ts';
import { wantsMore } from '../../state/pager.ts';
import type { ViewProps } from '../view-props.ts';

const COLUMNS: Column<OrganisationRow>[] = [
  { title: 'NAME', width: 36, flex: true, minWidth: 12, cell: (o) => o.name },
  { title: 'CERTIFICATES', width: 12, cell: (o) => String(o.certificates.totalCount) },
  { title: 'CREATED', width: 16, cell: (o) => dateTime(o.createdAt) },
];

export function OrganisationList({ entry, height, width }: ViewProps) {
  const { client, dispatch } = useApp();
  const variables = useMemo(() => ({ search: entry.filter || null }), [entry.filter]);
  const { pager, loadMore, reload } = usePager(OrganisationsQuery, variables, (d) => d.organisations, 50);
  const creating = useDialog<true>();
  const rowsHeight = Math.max(1, height - 2);
  const { cursor, move } = useTableCursor(pager.rows.length, rowsHeight, entry.filter);
  const selected = pager.rows[cursor.index];
  useSelection(selected);

  useEffect(() => {
    if (wantsMore(pager, cursor.index, rowsHeight)) loadMore();
  }, [pager, cursor.index, rowsHeight, loadMore]);

  const create = async (name: string) => {
    const outcome = await mutate(client, OrganisationCreateMutation, { name }, (d) => d.organisationCreate);
    if (!outcome.ok) return outcome.message;
    creating.close();
    dispatch(flash('info', `Created ${name}.`));
    reload();
    return null;
  };

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id === 'create') {
      creating.open(true);
      return true;
    }
    if (id !== 'drill' || !selected) return false;
    dispatch({
      type: 'view/open',
      view: 'certs',
      label: selected.name,
      params: { organisation: selected.id },
    });
    return true;
  });

  if (creating.value)
    return (
      <FormDialog
        title="New organisation"
        fields={[{ name: 'name', label: 'Name', hint: 'Acme Payments' }]}
        onSubmit={(v) => create(v.name!)}
        onCancel={creating.close}
      />
    );
  return (
    <ListView
      title="Organisations"
      summary={` (${pager.rows.length})${pager.loading ? '  loading…' : ''}`}
      error={pager.error}
      columns={COLUMNS}
      rows={pager.rows}
      cursor={cursor}
      height={rowsHeight}
      width={width}
      rowKey={(o) => o.id}
      empty="No organisations."
    />
  );
}
