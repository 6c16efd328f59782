// Confirm a change of certificate mode or binding, then show Tyk's warnings: the change is made,
// but access already granted may behave differently until it is re-provisioned.
import { Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { certificateModeWords } from '../../format/words.ts';
import type { CertificateMode } from '../../graphql/generated.ts';
import { mutate } from '../../graphql/mutate.ts';
import { type ProductRow, ProductUpdateMutation } from '../../graphql/operations/products.ts';
import { flash } from '../../state/app-state.ts';

export interface ProductChange {
  readonly product: ProductRow;
  readonly certificateMode?: CertificateMode;
  readonly bindCertificateToToken?: boolean;
}

export function ProductChangeDialog({
  change,
  onClose,
}: {
  change: ProductChange;
  onClose: (changed: boolean) => void;
}) {
  const { client, dispatch } = useApp();
  const [warnings, setWarnings] = useState<readonly string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const what =
    change.certificateMode !== undefined
      ? `certificate mode → ${certificateModeWords(change.certificateMode)}`
      : `binding → ${change.bindCertificateToToken ? 'keys bound to their certificates' : 'not bound'}`;

  useInput(() => onClose(true), { isActive: warnings !== null });

  const run = async () => {
    const { product, ...patch } = change;
    const outcome = await mutate(
      client,
      ProductUpdateMutation,
      { product: product.id, ...patch },
      (d) => d.productUpdate,
    );
    if (!outcome.ok) return setError(outcome.message);
    dispatch(flash(outcome.payload.warnings.length > 0 ? 'warn' : 'info', `${product.name}: ${what}.`));
    if (outcome.payload.warnings.length === 0) return onClose(true);
    setWarnings(outcome.payload.warnings);
  };

  if (warnings) {
    return (
      <Dialog
        title={`${change.product.name}: ${what}`}
        onCancel={() => onClose(true)}
        color="yellow"
        footer="any key closes"
      >
        <Text>Changed. Tyk warns:</Text>
        {warnings.map((w) => (
          <Text key={w} color="yellow">
            ⚠ {w}
          </Text>
        ))}
      </Dialog>
    );
  }
  return (
    <ConfirmDialog
      title={`${change.product.name}: ${what}?`}
      onConfirm={() => void run()}
      onCancel={() => onClose(false)}
    >
      <Text>Applies to access approved from now on; Tyk may warn about access that exists already.</Text>
      {error ? <Text color="red">{error}</Text> : null}
    </ConfirmDialog>
  );
}
