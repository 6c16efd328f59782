// Upload in steps: provider (when several) → PEM file path → inspection shown before anything is
// sent → name → organisations → upload. Each step renders only its own input.
import { readFile } from 'node:fs/promises';
import { Text, useInput } from 'ink';
import { useCallback, useState } from 'react';
import { useApp } from '../../app-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/TextField.tsx';
import { describeError, describeUserErrors } from '../../graphql/describe-error.ts';
import { mutate } from '../../graphql/mutate.ts';
import {
  CertificateInspectQuery,
  CertificateUploadMutation,
  type Inspection,
} from '../../graphql/operations/certificate-mutations.ts';
import { flash } from '../../state/app-state.ts';
import { InspectionSummary } from './InspectionSummary.tsx';
import { OrganisationPicker } from './OrganisationPicker.tsx';
import { ProviderStep } from './ProviderStep.tsx';
import { resolvePath } from './resolve-path.ts';

type Step = 'provider' | 'path' | 'inspecting' | 'inspected' | 'name' | 'organisations' | 'sending';

export function UploadDialog({
  onClose,
  provider: fixedProvider,
}: {
  onClose: (changed: boolean) => void;
  provider?: string;
}) {
  const { client, dispatch, cwd } = useApp();
  const [step, setStep] = useState<Step>('provider');
  const [provider, setProvider] = useState<string | null>(fixedProvider ?? null);
  const [upload, setUpload] = useState<{ pem: string; inspection: Inspection; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chooseProvider = useCallback((id: string) => {
    setProvider(id);
    setStep('path');
  }, []);

  useInput(
    (_input, key) => {
      if (key.return && upload && !upload.inspection.uploadRefusal) setStep('name');
    },
    { isActive: step === 'inspected' },
  );

  const inspect = async (typed: string) => {
    setError(null);
    const path = resolvePath(typed, cwd);
    let pem: string;
    try {
      pem = await readFile(path, 'utf8');
    } catch (e) {
      return setError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    setStep('inspecting');
    const result = await client.query(CertificateInspectQuery, { pem, provider }).toPromise();
    const payload = result.data?.certificateInspect;
    if (result.error || !payload?.inspection) {
      setStep('path');
      return setError(
        result.error ? describeError(result.error) : describeUserErrors(payload?.userErrors ?? []),
      );
    }
    setUpload({ pem, inspection: payload.inspection, name: payload.inspection.subjectCn ?? '' });
    setStep('inspected');
  };

  const send = async (organisations: string[]) => {
    if (!upload || !provider) return;
    setStep('sending');
    const name = upload.name.trim() === '' ? null : upload.name.trim();
    const outcome = await mutate(
      client,
      CertificateUploadMutation,
      { pem: upload.pem, provider, name, organisations },
      (d) => d.certificateUpload,
    );
    if (!outcome.ok) {
      setStep('organisations');
      return setError(outcome.message);
    }
    const { outcome: what, alreadyInDashboard } = outcome.payload;
    dispatch(
      flash(
        'info',
        `Uploaded ${name ?? upload.inspection.subjectCn}: ${what?.toLowerCase()}${alreadyInDashboard ? ' (the Dashboard already had it)' : ''}.`,
      ),
    );
    onClose(true);
  };

  return (
    <Dialog
      title="Upload a certificate"
      onCancel={() => onClose(false)}
      footer={footer(step, upload?.inspection)}
    >
      {step === 'provider' ? (
        <ProviderStep fixed={fixedProvider} onChosen={chooseProvider} onError={setError} />
      ) : null}
      {step === 'path' ? (
        <>
          <Text>PEM file (one leaf certificate, optionally its chain):</Text>
          <TextField placeholder="path/to/client.pem" onSubmit={(v) => void inspect(v)} />
        </>
      ) : null}
      {step === 'inspecting' ? <Text dimColor>Inspecting…</Text> : null}
      {upload && step !== 'path' && step !== 'inspecting' ? (
        <InspectionSummary inspection={upload.inspection} />
      ) : null}
      {step === 'name' && upload ? (
        <>
          <Text>Name (portal-only):</Text>
          <TextField
            defaultValue={upload.name}
            onSubmit={(name) => {
              setUpload({ ...upload, name });
              setStep('organisations');
            }}
          />
        </>
      ) : null}
      {step === 'organisations' ? (
        <>
          <Text>Organisations:</Text>
          <OrganisationPicker defaultValue={[]} onSubmit={(ids) => void send(ids)} />
        </>
      ) : null}
      {step === 'sending' ? <Text dimColor>Uploading…</Text> : null}
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}

function footer(step: Step, inspection: Inspection | undefined): string {
  if (step === 'inspected') return inspection?.uploadRefusal ? 'esc close' : 'enter continue  esc cancel';
  return 'enter next  esc cancel';
}
