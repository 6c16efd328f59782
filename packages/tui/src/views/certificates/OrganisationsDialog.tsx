import { Text } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { mutate } from '../../graphql/mutate.ts';
import { CertificateSetOrganisationsMutation } from '../../graphql/operations/certificate-mutations.ts';
import type { CertificateRow } from '../../graphql/operations/certificates.ts';
import { flash } from '../../state/app-state.ts';
import { OrganisationPicker } from './OrganisationPicker.tsx';

/** Replaces the organisations a certificate is associated with. */
export function OrganisationsDialog({
  certificate,
  onClose,
}: {
  certificate: CertificateRow;
  onClose: (changed: boolean) => void;
}) {
  const { client, dispatch } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (organisations: string[]) => {
    setBusy(true);
    const outcome = await mutate(
      client,
      CertificateSetOrganisationsMutation,
      { certificate: certificate.id, organisations },
      (d) => d.certificateSetOrganisations,
    );
    setBusy(false);
    if (!outcome.ok) return setError(outcome.message);
    const names = outcome.payload.certificate?.organisations.map((o) => o.name).join(', ') || 'none';
    dispatch(flash('info', `Organisations: ${names}.`));
    onClose(true);
  };

  return (
    <Dialog
      title={`Organisations of ${certificate.name ?? certificate.subjectCn ?? 'certificate'}`}
      onCancel={() => onClose(false)}
    >
      <OrganisationPicker
        defaultValue={certificate.organisations.map((o) => o.id)}
        onSubmit={(ids) => void submit(ids)}
        isDisabled={busy}
      />
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}
