// Suspend with a reason (the TextField is the confirmation: nothing happens without one), or
// resume after a y/n. Core converges the grants either way; the flash says how many it touched.
import { Text } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/TextField.tsx';
import { mutate } from '../../graphql/mutate.ts';
import {
  CertificateResumeMutation,
  CertificateSuspendMutation,
} from '../../graphql/operations/certificate-mutations.ts';
import type { CertificateRow } from '../../graphql/operations/certificates.ts';
import { flash } from '../../state/app-state.ts';

export function SuspendDialog({
  certificate,
  onClose,
}: {
  certificate: CertificateRow;
  onClose: (changed: boolean) => void;
}) {
  const { client, dispatch } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = certificate.name ?? certificate.subjectCn ?? certificate.tykId;

  const suspend = async (reason: string) => {
    setBusy(true);
    const outcome = await mutate(
      client,
      CertificateSuspendMutation,
      { certificate: certificate.id, reason },
      (d) => d.certificateSuspend,
    );
    setBusy(false);
    if (!outcome.ok) return setError(outcome.message);
    dispatch(flash('warn', `Suspended ${label}: it is leaving every allow list and binding.`));
    onClose(true);
  };

  const resume = async () => {
    const outcome = await mutate(
      client,
      CertificateResumeMutation,
      { certificate: certificate.id },
      (d) => d.certificateResume,
    );
    if (!outcome.ok) return setError(outcome.message);
    dispatch(flash('info', `Resumed ${label}: its grants are getting it back.`));
    onClose(true);
  };

  if (certificate.suspendedAt) {
    return (
      <ConfirmDialog
        title={`Resume ${label}?`}
        onConfirm={() => void resume()}
        onCancel={() => onClose(false)}
      >
        <Text>Its grants get it back: the same allow-list entries, bindings and tokens as before.</Text>
        {error ? <Text color="red">{error}</Text> : null}
      </ConfirmDialog>
    );
  }
  return (
    <Dialog
      title={`Suspend ${label}`}
      color="red"
      onCancel={() => onClose(false)}
      footer="enter suspend  esc cancel"
    >
      <Text>
        It leaves every allow list and key binding the portal placed it on; a grant with no other live
        certificate loses its key until you resume it. It stays in the Dashboard.
      </Text>
      <Text dimColor>Why (required, kept in the audit log):</Text>
      <TextField defaultValue="" onSubmit={(v) => void suspend(v)} isDisabled={busy} />
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}
