// Every dangerous action asks first (house style B7): `y` does it, `n` or `esc` does not.
import { Text, useInput } from 'ink';
import type { ReactNode } from 'react';
import { Dialog } from './Dialog.tsx';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children?: ReactNode;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  /** An extra choice, e.g. `f` for force. */
  readonly extra?: { key: string; label: string; run: () => void };
}

export function ConfirmDialog({ title, children, onConfirm, onCancel, extra }: ConfirmDialogProps) {
  useInput((input) => {
    if (input === 'y' || input === 'Y') onConfirm();
    else if (input === 'n' || input === 'N') onCancel();
    else if (extra && input === extra.key) extra.run();
  });
  const footer = `y yes  n no${extra ? `  ${extra.key} ${extra.label}` : ''}  esc cancel`;
  return (
    <Dialog title={title} onCancel={onCancel} color="red" footer={footer}>
      {children ?? <Text>Are you sure?</Text>}
    </Dialog>
  );
}
