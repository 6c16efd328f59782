import { Text } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/TextField.tsx';
import { mutate } from '../../graphql/mutate.ts';
import { CertificateRenameMutation } from '../../graphql/operations/certificate-mutations.ts';
import type { CertificateRow } from '../../graphql/operations/certificates.ts';
import { flash } from '../../state/app-state.ts';

/** Sets or clears the portal-only name; the server's userErrors show under the field. */
export function RenameDialog({
  certificate,
  onClose,
}: {
  certificate: CertificateRow;
  onClose: (changed: boolean) => void;
}) {
  const { client, dispatch } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (value: string) => {
    setBusy(true);
    const name = value.trim() === '' ? null : value.trim();
    const outcome = await mutate(
      client,
      CertificateRenameMutation,
      { certificate: certificate.id, name },
      (d) => d.certificateRename,
    );
    setBusy(false);
    if (!outcome.ok) return setError(outcome.message);
    dispatch(flash('info', name ? `Renamed to ${name}.` : 'Name cleared.'));
    onClose(true);
  };

  return (
    <Dialog
      title={`Rename ${certificate.name ?? certificate.subjectCn ?? 'certificate'}`}
      onCancel={() => onClose(false)}
      footer="enter save  esc cancel"
    >
      <Text dimColor>Portal-only name, never sent to Tyk; empty clears it.</Text>
      <TextField defaultValue={certificate.name ?? ''} onSubmit={(v) => void submit(v)} isDisabled={busy} />
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}
