// Delete with a confirmation; when APIs or credentials still use it, say what would break and
// offer to force.
import { Text } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { mutate } from '../../graphql/mutate.ts';
import {
  CertificateDeleteMutation,
  type InUseError,
} from '../../graphql/operations/certificate-mutations.ts';
import type { CertificateRow } from '../../graphql/operations/certificates.ts';
import { flash } from '../../state/app-state.ts';

export function DeleteDialog({
  certificate,
  onClose,
}: {
  certificate: CertificateRow;
  onClose: (changed: boolean) => void;
}) {
  const { client, dispatch } = useApp();
  const [inUse, setInUse] = useState<InUseError | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = certificate.name ?? certificate.subjectCn ?? certificate.tykId;

  const run = async (force: boolean) => {
    const outcome = await mutate(
      client,
      CertificateDeleteMutation,
      { certificate: certificate.id, force },
      (d) => d.certificateDelete,
    );
    if (outcome.ok) {
      dispatch(flash('warn', `Deleted ${label} from the Dashboard (kept as soft-deleted).`));
      return onClose(true);
    }
    const refusal = outcome.userErrors.find((e) => e.code === 'CERTIFICATE_IN_USE') as InUseError | undefined;
    if (refusal) setInUse(refusal);
    else setError(outcome.message);
  };

  return (
    <ConfirmDialog
      title={`Delete ${label}?`}
      onConfirm={() => void run(false)}
      onCancel={() => onClose(false)}
      extra={inUse ? { key: 'f', label: 'force', run: () => void run(true) } : undefined}
    >
      <Text>Deletes it from the {"Dashboard's store; the portal keeps its name and organisations."}</Text>
      {inUse ? (
        <>
          <Text color="yellow">{inUse.message}</Text>
          {inUse.__typename === 'CertificateInUseError' &&
            inUse.apis.map((a) => <Text key={`api:${a.name}`}> API {a.name}</Text>)}
          {inUse.__typename === 'CertificateInUseError' &&
            inUse.credentials.map((c) => (
              <Text key={`cred:${c.appName}:${c.productName}`}>
                {' '}
                credential of {c.appName} for {c.productName}
              </Text>
            ))}
          <Text color="red">Press f to delete anyway: these would stop working.</Text>
        </>
      ) : null}
      {error ? <Text color="red">{error}</Text> : null}
    </ConfirmDialog>
  );
}
