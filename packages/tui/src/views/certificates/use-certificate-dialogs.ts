// Which certificate dialog is open, and on which certificate: the target is fixed when the dialog
// opens, so a listing that reloads meanwhile cannot change what a confirmed delete deletes.
import { useCallback, useState } from 'react';
import { useApp } from '../../app-context.ts';
import type { CertificateRow } from '../../graphql/operations/certificates.ts';

export type CertificateDialogKind =
  | 'upload'
  | 'import'
  | 'rename'
  | 'organisations'
  | 'delete'
  | 'suspend'
  | 'rotate';

export function useCertificateDialogs(onChanged: () => void) {
  const { dispatch } = useApp();
  const [open, setOpen] = useState<{
    kind: CertificateDialogKind;
    target: CertificateRow | undefined;
  } | null>(null);
  const show = useCallback(
    (kind: CertificateDialogKind, target?: CertificateRow) => {
      setOpen({ kind, target });
      dispatch({ type: 'dialog/open' });
    },
    [dispatch],
  );
  const close = useCallback(
    (changed: boolean) => {
      setOpen(null);
      dispatch({ type: 'dialog/close' });
      if (changed) onChanged();
    },
    [dispatch, onChanged],
  );
  return { dialog: open?.kind ?? null, target: open?.target, open: show, close };
}
