// `:plans`: the rate limits and quotas access requests are granted on; `n` creates one.
import { useApp, useSelection, useViewKeys } from '../../app-context.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useDialog } from '../../components/use-dialog.ts';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { shortDuration } from '../../format/time.ts';
import { mutate } from '../../graphql/mutate.ts';
import { PlanCreateMutation, type PlanRow, PlansQuery } from '../../graphql/operations/plans.ts';
import { useQuery } from '../../graphql/use-query.ts';
import { flash } from '../../state/app-state.ts';
import type { ViewProps } from '../view-props.ts';
import { planInput, PLAN_FIELD_RULES as rule } from './plan-form.ts';

const seconds = (s: number) => shortDuration(s * 1000);

const COLUMNS: Column<PlanRow>[] = [
  { title: 'NAME', width: 24, flex: true, minWidth: 10, cell: (p) => p.name },
  { title: 'RATE', width: 16, cell: (p) => `${p.rate} / ${seconds(p.per)}` },
  {
    title: 'QUOTA',
    width: 22,
    cell: (p) =>
      p.quotaMax === '-1'
        ? 'unlimited'
        : `${p.quotaMax}${p.quotaRenewalRate > 0 ? ` / ${seconds(p.quotaRenewalRate)}` : ', never renews'}`,
  },
  {
    title: 'KEYS LIVE',
    width: 10,
    cell: (p) => (p.keyLifetimeSeconds > 0 ? seconds(p.keyLifetimeSeconds) : 'forever'),
  },
];

export function PlanList({ entry, height, width }: ViewProps) {
  const { client, dispatch } = useApp();
  const { data, error, fetching, refetch } = useQuery(PlansQuery, { first: 100 }, { live: true });
  const filter = entry.filter.toLowerCase();
  const rows = (data?.plans.nodes ?? []).filter((p) => !filter || p.name.toLowerCase().includes(filter));
  const rowsHeight = Math.max(1, height - 2);
  const { cursor, move } = useTableCursor(rows.length, rowsHeight, entry.filter);
  useSelection(rows[cursor.index]);
  const creating = useDialog<true>();
  const create = async (values: Readonly<Record<string, string>>) => {
    const parsed = planInput(values);
    if (!parsed.ok) return parsed.message;
    const outcome = await mutate(client, PlanCreateMutation, parsed.input, (d) => d.planCreate);
    if (!outcome.ok) return outcome.message;
    creating.close();
    dispatch(flash('info', `Created plan ${parsed.input.name}.`));
    refetch();
    return null;
  };

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id !== 'create') return false;
    creating.open(true);
    return true;
  });

  if (creating.value)
    return (
      <FormDialog
        title="New plan"
        fields={[
          { name: 'name', label: 'Name', hint: 'Gold' },
          { name: 'rate', label: 'Requests', hint: '100', validate: rule.rate },
          { name: 'per', label: 'Per seconds', hint: '60', validate: rule.per },
          {
            name: 'quotaMax',
            label: 'Quota',
            optional: true,
            hint: 'empty: unlimited',
            validate: rule.quotaMax,
          },
          {
            name: 'quotaRenewalRate',
            label: 'Quota period (s)',
            optional: true,
            hint: 'empty: never renews',
            validate: rule.quotaRenewalRate,
          },
          {
            name: 'keyLifetimeSeconds',
            label: 'Key lifetime (s)',
            optional: true,
            hint: 'empty: forever',
            validate: rule.keyLifetimeSeconds,
          },
        ]}
        onSubmit={create}
        onCancel={creating.close}
      />
    );
  return (
    <ListView
      title="Plans"
      summary={` (${rows.length})${fetching ? '  loading…' : ''}`}
      error={error}
      columns={COLUMNS}
      rows={rows}
      cursor={cursor}
      height={rowsHeight}
      width={width}
      rowKey={(p) => p.id}
      empty="No plans."
    />
  );
}
