// The dialog a certificate view opened, if any.
import type { CertificateRow } from '../../graphql/operations/certificates.ts';
import { DeleteDialog } from './DeleteDialog.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { OrganisationsDialog } from './OrganisationsDialog.tsx';
import { RenameDialog } from './RenameDialog.tsx';
import { RotateDialog } from './RotateDialog.tsx';
import { SuspendDialog } from './SuspendDialog.tsx';
import { UploadDialog } from './UploadDialog.tsx';
import type { CertificateDialogKind } from './use-certificate-dialogs.ts';

export interface CertificateDialogsProps {
  readonly dialog: CertificateDialogKind | null;
  readonly certificate: CertificateRow | undefined;
  readonly close: (changed: boolean) => void;
  /** Upload registers in this provider when given (a provider's drill-down). */
  readonly provider?: string;
}

export function CertificateDialogs({ dialog, certificate, close, provider }: CertificateDialogsProps) {
  if (dialog === 'upload') return <UploadDialog onClose={close} provider={provider} />;
  if (dialog === 'import') return <ImportDialog onClose={close} />;
  if (!certificate) return null;
  if (dialog === 'rename') return <RenameDialog certificate={certificate} onClose={close} />;
  if (dialog === 'organisations') return <OrganisationsDialog certificate={certificate} onClose={close} />;
  if (dialog === 'delete') return <DeleteDialog certificate={certificate} onClose={close} />;
  if (dialog === 'rotate') return <RotateDialog certificate={certificate} onClose={close} />;
  if (dialog === 'suspend') return <SuspendDialog certificate={certificate} onClose={close} />;
  return null;
}
