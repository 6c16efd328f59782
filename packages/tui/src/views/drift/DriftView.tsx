// `D` on a provider: where its Dashboard differs from what the portal granted, both ways (entries
// and keys missing or left behind, bindings), and `F` to queue the repairs after asking.
import { Text } from 'ink';
import { useApp, useSelection, useViewKeys } from '../../app-context.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ListView } from '../../components/ListView.tsx';
import type { Column } from '../../components/Table.tsx';
import { useDialog } from '../../components/use-dialog.ts';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { mutate } from '../../graphql/mutate.ts';
import {
  AccessDriftFixMutation,
  AccessDriftQuery,
  type DriftFindingRow,
  type DriftKind,
} from '../../graphql/operations/drift.ts';
import { useQuery } from '../../graphql/use-query.ts';
import { flash } from '../../state/app-state.ts';
import type { ViewProps } from '../view-props.ts';

const KINDS: Record<DriftKind, string> = {
  MISSING_FROM_ALLOW_LIST: 'missing from allow list',
  EXTRA_ON_ALLOW_LIST: 'left on allow list',
  KEY_MISSING: 'key missing',
  KEY_NOT_EXPECTED: 'key left behind',
  BINDING_MISSING: 'binding missing',
  BINDING_EXTRA: 'binding left behind',
};

const certificateNames = (f: DriftFindingRow) =>
  [
    ...f.certificates.map((c) => c.name ?? c.subjectCn ?? c.id),
    ...f.unknownCertificateTykIds.map((t) => `${t.slice(0, 16)}… (unknown)`),
  ].join(', ');

const COLUMNS: Column<DriftFindingRow>[] = [
  { title: 'DRIFT', width: 24, cell: (f) => ({ text: KINDS[f.kind] ?? f.kind, color: 'yellow' }) },
  { title: 'API', width: 20, flex: true, minWidth: 10, cell: (f) => f.api?.name ?? f.api?.apiId ?? '-' },
  {
    title: 'REQUEST',
    width: 28,
    flex: true,
    minWidth: 10,
    cell: (f) => (f.accessRequest ? `${f.accessRequest.app.name} → ${f.accessRequest.product.name}` : '-'),
  },
  { title: 'CERTIFICATES', width: 40, flex: true, minWidth: 12, cell: certificateNames },
];

export function DriftView({ entry, height, width }: ViewProps) {
  const { client, dispatch } = useApp();
  const provider = entry.params.provider ?? '';
  const { data, error, fetching, refetch } = useQuery(AccessDriftQuery, { provider });
  const confirming = useDialog<true>();
  const refused = data?.accessDrift.userErrors[0]?.message;
  const rows = data?.accessDrift.findings?.nodes ?? [];
  const rowsHeight = Math.max(1, height - 2);
  const { cursor, move } = useTableCursor(rows.length, rowsHeight);
  useSelection(rows[cursor.index]);

  const fix = async () => {
    confirming.close();
    const outcome = await mutate(client, AccessDriftFixMutation, { provider }, (d) => d.accessDriftFix);
    if (!outcome.ok) return dispatch(flash('error', outcome.message));
    const queued = outcome.payload.findings?.length ?? 0;
    dispatch(flash('info', `Queued repairs for ${queued} finding(s); ctrl-r reads the Dashboard again.`));
    refetch();
  };

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id !== 'fix' || rows.length === 0) return false;
    confirming.open(true);
    return true;
  });

  if (confirming.value)
    return (
      <ConfirmDialog
        title={`Repair ${rows.length} finding(s)?`}
        onConfirm={() => void fix()}
        onCancel={confirming.close}
      >
        <Text>
          The portal writes the Dashboard back to what it granted: missing entries, keys and bindings are put
          back, entries and keys no grant needs are removed.
        </Text>
      </ConfirmDialog>
    );
  return (
    <ListView
      title="Drift"
      summary={` (${rows.length}${data?.accessDrift.findings?.pageInfo.hasNextPage ? '+, the first shown' : ''})${fetching ? '  reading the Dashboard…' : ''}`}
      error={refused ?? error}
      columns={COLUMNS}
      rows={rows}
      cursor={cursor}
      height={rowsHeight}
      width={width}
      rowKey={(f) => `${f.kind}:${f.api?.apiId ?? ''}:${f.accessRequest?.id ?? ''}:${certificateNames(f)}`}
      empty={data?.accessDrift.findings ? 'No drift: the Dashboard matches what the portal granted.' : '-'}
    />
  );
}
