// A dialog that asks for a few fields one after another (enter moves on; enter on the last one
// submits), as the create and edit forms of providers, organisations and users do. A refusal from
// the server is shown under the form and the last field stays open, so nothing typed is lost.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { Dialog } from './Dialog.tsx';
import { TextField } from './TextField.tsx';

export interface FormField {
  readonly name: string;
  readonly label: string;
  readonly defaultValue?: string;
  /** Shown dimmed beside the label: what an empty answer means, an example. */
  readonly hint?: string;
  /** An empty answer is allowed (the caller decides what it means). */
  readonly optional?: boolean;
  /** Typed as `•` (an API key). */
  readonly secret?: boolean;
  /** A refusal of the answer, checked before moving on, so a wrong number is fixed where it is typed. */
  readonly validate?: (value: string) => string | null;
}

export interface FormDialogProps {
  readonly title: string;
  readonly fields: readonly FormField[];
  /** Resolves to a refusal to show, or null when done (the caller closes the dialog). */
  readonly onSubmit: (values: Readonly<Record<string, string>>) => Promise<string | null>;
  readonly onCancel: () => void;
}

export function FormDialog({ title, fields, onSubmit, onCancel }: FormDialogProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = fields[step]!;

  const answer = async (raw: string) => {
    const value = raw.trim();
    if (value === '' && !field.optional) return setError(`${field.label} is required.`);
    const refusal = value === '' ? null : (field.validate?.(value) ?? null);
    if (refusal) return setError(refusal);
    const next = { ...values, [field.name]: value };
    setValues(next);
    setError(null);
    if (step < fields.length - 1) return setStep(step + 1);
    setBusy(true);
    const refused = await onSubmit(next);
    setBusy(false);
    if (refused) setError(refused);
  };

  return (
    <Dialog title={title} onCancel={onCancel} footer="enter next  esc cancel">
      {fields.slice(0, step).map((f) => (
        <Text key={f.name} dimColor>
          {`${f.label}: ${f.secret && values[f.name] ? '••••••' : values[f.name] || '(none)'}`}
        </Text>
      ))}
      <Box>
        <Text bold>{`${field.label}: `}</Text>
        <TextField
          key={field.name}
          defaultValue={values[field.name] ?? field.defaultValue ?? ''}
          placeholder={field.hint ?? ''}
          mask={field.secret}
          isDisabled={busy}
          onSubmit={(v) => void answer(v)}
        />
      </Box>
      {busy ? <Text dimColor>Saving…</Text> : null}
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}
