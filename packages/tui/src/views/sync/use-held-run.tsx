// Confirm or discard a HELD run. Confirming is the destructive choice (it soft-deletes what the
// Dashboard no longer has), so it asks, says how many and lists them; discarding changes nothing,
// so it does not ask.
import { Text } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { mutate } from '../../graphql/mutate.ts';
import {
  SyncRunConfirmMutation,
  SyncRunDiscardMutation,
  type SyncRunRow,
} from '../../graphql/operations/sync.ts';
import { flash } from '../../state/app-state.ts';
import { HeldDeletionsList } from './HeldDeletionsList.tsx';

/** Rows of the list in the dialog: it fits at 80×24 with the dialog's other lines. */
const LIST_ROWS = 8;

export function useHeldRun(onChanged: () => void) {
  const { client, dispatch } = useApp();
  const [confirming, setConfirming] = useState<SyncRunRow | null>(null);

  const notHeld = (run: SyncRunRow) =>
    dispatch(flash('warn', `That run is ${run.status.toLowerCase()}, not held.`));

  const close = () => {
    setConfirming(null);
    dispatch({ type: 'dialog/close' });
  };

  const askConfirm = (run: SyncRunRow) => {
    if (run.status !== 'HELD') return notHeld(run);
    setConfirming(run);
    dispatch({ type: 'dialog/open' });
  };

  const confirm = async (run: SyncRunRow) => {
    close();
    const outcome = await mutate(client, SyncRunConfirmMutation, { run: run.id }, (d) => d.syncRunConfirm);
    if (!outcome.ok) return dispatch(flash('error', outcome.message));
    const counts = outcome.payload.syncRun?.counts;
    dispatch(
      flash('info', `Applied: +${counts?.added ?? 0} added, −${counts?.softDeleted ?? 0} soft-deleted.`),
    );
    onChanged();
  };

  const discard = async (run: SyncRunRow) => {
    if (run.status !== 'HELD') return notHeld(run);
    const outcome = await mutate(client, SyncRunDiscardMutation, { run: run.id }, (d) => d.syncRunDiscard);
    if (!outcome.ok) return dispatch(flash('error', outcome.message));
    dispatch(flash('warn', 'Discarded: nothing changed.'));
    onChanged();
  };

  const dialog = confirming ? (
    <ConfirmDialog title="Apply the held run?" onConfirm={() => void confirm(confirming)} onCancel={close}>
      <Text>
        It soft-deletes {confirming.counts.softDeleted} certificate(s) of {confirming.provider?.name} that its
        Dashboard no longer has, and adds {confirming.counts.added}.
      </Text>
      <HeldDeletionsList runId={confirming.id} rows={LIST_ROWS} />
      <Text dimColor>Discard (ctrl-d) instead changes nothing.</Text>
    </ConfirmDialog>
  ) : null;

  return { askConfirm, discard, dialog };
}
