// Rotation of one certificate. When it is already in an overlap, the dialog shows the rotation and
// `c` completes it (the old certificate leaves its grants), `x` cancels it; otherwise it asks for
// the new certificate's PEM path and starts one. After each step it lists the grants the step
// touches: the product and app, the APIs, and the certificates there before → after.
import { readFile } from 'node:fs/promises';
import { Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/TextField.tsx';
import { mutate } from '../../graphql/mutate.ts';
import type { CertificateRow } from '../../graphql/operations/certificates.ts';
import {
  CertificateRotationCancelMutation,
  CertificateRotationCompleteMutation,
  CertificateRotationStartMutation,
  RotationInOverlapQuery,
  type RotationStep,
} from '../../graphql/operations/rotations.ts';
import { useQuery } from '../../graphql/use-query.ts';
import { flash } from '../../state/app-state.ts';
import { resolvePath } from './resolve-path.ts';

export function RotateDialog({
  certificate,
  onClose,
}: {
  certificate: CertificateRow;
  onClose: (changed: boolean) => void;
}) {
  const { client, dispatch, cwd } = useApp();
  const rotations = useQuery(RotationInOverlapQuery, { from: certificate.id });
  const [step, setStep] = useState<RotationStep | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = certificate.name ?? certificate.subjectCn ?? certificate.tykId;
  const active =
    step?.rotation.status === 'OVERLAP'
      ? step.rotation
      : step
        ? undefined
        : rotations.data?.certificateRotations.nodes[0];

  useInput(
    (input) => {
      if (!active || busy) return;
      if (input === 'c') void finish('complete', active.id);
      else if (input === 'x') void finish('cancel', active.id);
    },
    { isActive: active !== undefined },
  );

  const start = async (typed: string) => {
    setError(null);
    const path = resolvePath(typed, cwd);
    let pem: string;
    try {
      pem = await readFile(path, 'utf8');
    } catch (e) {
      return setError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    setBusy(true);
    const outcome = await mutate(
      client,
      CertificateRotationStartMutation,
      { from: certificate.id, pem },
      (d) => d.certificateRotationStart,
    );
    setBusy(false);
    if (!outcome.ok || !outcome.payload.step) return setError(outcome.ok ? 'No answer.' : outcome.message);
    setStep(outcome.payload.step);
    dispatch(flash('info', `Rotating ${label}: both certificates are admitted until you complete it.`));
  };

  const finish = async (verb: 'complete' | 'cancel', rotation: string) => {
    setBusy(true);
    const outcome =
      verb === 'complete'
        ? await mutate(
            client,
            CertificateRotationCompleteMutation,
            { rotation },
            (d) => d.certificateRotationComplete,
          )
        : await mutate(
            client,
            CertificateRotationCancelMutation,
            { rotation },
            (d) => d.certificateRotationCancel,
          );
    setBusy(false);
    if (!outcome.ok || !outcome.payload.step) return setError(outcome.ok ? 'No answer.' : outcome.message);
    setStep(outcome.payload.step);
    dispatch(flash('info', `Rotation of ${label} ${verb === 'complete' ? 'completed' : 'cancelled'}.`));
  };

  const footer = active ? 'c complete  x cancel  esc close' : step ? 'esc close' : 'enter start  esc cancel';
  return (
    <Dialog title={`Rotate ${label}`} onCancel={() => onClose(step !== null)} footer={footer}>
      {!rotations.data && !step ? <Text dimColor>{rotations.error ?? 'Loading rotations…'}</Text> : null}
      {active ? (
        <Text>
          In overlap with {active.to?.name ?? active.to?.subjectCn ?? 'the new certificate'} since{' '}
          {active.createdAt.slice(0, 19).replace('T', ' ')}: both are admitted.
        </Text>
      ) : null}
      {step && step.rotation.status !== 'OVERLAP' ? (
        <Text bold>Rotation {step.rotation.status.toLowerCase()}.</Text>
      ) : null}
      {rotations.data && !active && !step ? (
        <>
          <Text>New certificate (PEM path); it gets this one's organisations and joins its grants:</Text>
          <TextField placeholder="path/to/new.pem" onSubmit={(v) => void start(v)} isDisabled={busy} />
        </>
      ) : null}
      {step ? <Changes step={step} /> : null}
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}

function Changes({ step }: { step: RotationStep }) {
  if (step.changes.length === 0)
    return <Text dimColor>No grant uses it: nothing on the Gateway changes.</Text>;
  return (
    <>
      <Text>
        {step.changes.length} grant{step.changes.length === 1 ? '' : 's'} (certificates before → after):
      </Text>
      {step.changes.map((c) => (
        <Text key={c.accessRequest?.id ?? c.apiIds.join()} wrap="truncate-end">
          {' '}
          {c.accessRequest?.app.name ?? '?'} → {c.accessRequest?.product.name ?? '?'}: {c.apiIds.length} API
          {c.apiIds.length === 1 ? '' : 's'}, key {c.keyBound ? 'bound' : 'not bound'}, {c.before.length} →{' '}
          {c.after.length}
        </Text>
      ))}
    </>
  );
}
