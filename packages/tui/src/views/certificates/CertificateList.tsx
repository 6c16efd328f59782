import { useEffect, useMemo, useState } from 'react';
import { useApp, useSelection, useViewKeys } from '../../app-context.ts';
import { ListView } from '../../components/ListView.tsx';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import type { CertificateDeletedFilter, CertificateOrder } from '../../graphql/generated.ts';
import { CertificatesQuery } from '../../graphql/operations/certificates.ts';
import { usePager } from '../../graphql/use-pager.ts';
import { flash } from '../../state/app-state.ts';
import { wantsMore } from '../../state/pager.ts';
import type { ViewProps } from '../view-props.ts';
import { CertificateDialogs } from './CertificateDialogs.tsx';
import { certificateColumns } from './columns.tsx';
import { useCertificateDialogs } from './use-certificate-dialogs.ts';

const NEXT_DELETED: Record<CertificateDeletedFilter, CertificateDeletedFilter> = {
  EXCLUDE: 'INCLUDE',
  INCLUDE: 'ONLY',
  ONLY: 'EXCLUDE',
};
const DELETED_LABEL: Record<CertificateDeletedFilter, string> = {
  EXCLUDE: 'hidden',
  INCLUDE: 'shown',
  ONLY: 'only',
};

export function CertificateList({ entry, height, width }: ViewProps) {
  const { dispatch } = useApp();
  const [orderBy, setOrderBy] = useState<CertificateOrder>('EXPIRY');
  const [deleted, setDeleted] = useState<CertificateDeletedFilter>('EXCLUDE');
  const filter = useMemo(
    () => ({
      deleted,
      ...(entry.filter ? { search: entry.filter } : {}),
      ...(entry.params.organisation ? { organisation: entry.params.organisation } : {}),
      ...(entry.params.provider ? { provider: entry.params.provider } : {}),
    }),
    [deleted, entry.filter, entry.params.organisation, entry.params.provider],
  );
  const { pager, loadMore, reload } = usePager(CertificatesQuery, { orderBy, filter }, (d) => d.certificates);
  const rowsHeight = Math.max(1, height - 2);
  const { cursor, move } = useTableCursor(pager.rows.length, rowsHeight, JSON.stringify([orderBy, filter]));
  const selected = pager.rows[cursor.index];
  useSelection(selected);
  const dialogs = useCertificateDialogs(reload);
  const columns = useMemo(() => certificateColumns(), []);

  useEffect(() => {
    if (wantsMore(pager, cursor.index, rowsHeight * 2)) loadMore();
  }, [pager, cursor.index, rowsHeight, loadMore]);

  useViewKeys((id) => {
    if (move(id)) return true;
    switch (id) {
      case 'open':
        if (selected)
          dispatch({
            type: 'view/open',
            view: 'cert',
            label: selected.name ?? selected.subjectCn ?? 'certificate',
            params: { id: selected.id },
          });
        return true;
      case 'toggleDeleted':
        setDeleted(NEXT_DELETED[deleted]);
        dispatch(flash('info', `Soft-deleted certificates: ${DELETED_LABEL[NEXT_DELETED[deleted]]}`));
        return true;
      case 'sortName':
        setOrderBy('NAME');
        return true;
      case 'sortExpiry':
        setOrderBy('EXPIRY');
        return true;
      case 'upload':
        dialogs.open('upload');
        return true;
      case 'import':
        dialogs.open('import');
        return true;
      case 'rename':
      case 'organisations':
      case 'delete':
      case 'suspend':
      case 'rotate':
        if (selected) dialogs.open(id, selected);
        return true;
    }
    return false;
  });

  if (dialogs.dialog) {
    return (
      <CertificateDialogs
        dialog={dialogs.dialog}
        certificate={dialogs.target}
        close={dialogs.close}
        provider={entry.params.provider}
      />
    );
  }
  const total = pager.totalCount ?? pager.rows.length;
  const position = pager.rows.length === 0 ? 0 : cursor.index + 1;
  const summary = ` (${position}/${total})  sort: ${orderBy === 'EXPIRY' ? 'expiry' : 'name'}  deleted: ${DELETED_LABEL[deleted]}`;
  return (
    <ListView
      title="Certificates"
      summary={`${summary}${entry.filter ? `  filter: ${entry.filter}` : ''}${pager.loading ? '  loading…' : ''}`}
      error={pager.error}
      columns={columns}
      rows={pager.rows}
      cursor={cursor}
      height={rowsHeight}
      width={width}
      rowKey={(c) => c.id}
      dim={(c) => c.deletedAt !== null}
      empty={
        pager.loading
          ? 'Loading…'
          : entry.filter
            ? `No certificate matches ${entry.filter}.`
            : 'No certificates.'
      }
    />
  );
}
