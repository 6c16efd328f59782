import { Text } from 'ink';
import { useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/TextField.tsx';
import type { AccessRequestRow } from '../../graphql/operations/access-requests.ts';

/** Rejecting asks for the reason the consumer will read; enter with a reason is the confirmation. */
export function RejectDialog({
  request,
  onReject,
  onCancel,
}: {
  request: AccessRequestRow;
  onReject: (reason: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (reason: string) => {
    if (reason.trim() === '') return setError('A reason is required: the consumer reads it.');
    setError(await onReject(reason.trim()));
  };
  return (
    <Dialog
      title={`Reject ${request.app.name}'s request for ${request.product.name}?`}
      onCancel={onCancel}
      color="red"
      footer="enter reject  esc cancel"
    >
      <Text>Reason (shown to {request.app.organisation?.name ?? 'the consumer'}):</Text>
      <TextField placeholder="e.g. use the Self-Serve product instead" onSubmit={(v) => void submit(v)} />
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}
