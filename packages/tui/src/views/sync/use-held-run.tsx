// Confirm or discard a HELD run; discarding asks first.
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

export function useHeldRun(onChanged: () => void) {
  const { client, dispatch } = useApp();
  const [discarding, setDiscarding] = useState<SyncRunRow | null>(null);

  const notHeld = (run: SyncRunRow) =>
    dispatch(flash('warn', `That run is ${run.status.toLowerCase()}, not held.`));

  const confirm = async (run: SyncRunRow) => {
    if (run.status !== 'HELD') return notHeld(run);
    const outcome = await mutate(client, SyncRunConfirmMutation, { run: run.id }, (d) => d.syncRunConfirm);
    if (!outcome.ok) return dispatch(flash('error', outcome.message));
    const counts = outcome.payload.syncRun?.counts;
    dispatch(
      flash('info', `Applied: +${counts?.added ?? 0} added, −${counts?.softDeleted ?? 0} soft-deleted.`),
    );
    onChanged();
  };

  const askDiscard = (run: SyncRunRow) => {
    if (run.status !== 'HELD') return notHeld(run);
    setDiscarding(run);
    dispatch({ type: 'dialog/open' });
  };

  const close = () => {
    setDiscarding(null);
    dispatch({ type: 'dialog/close' });
  };

  const discard = async (run: SyncRunRow) => {
    close();
    const outcome = await mutate(client, SyncRunDiscardMutation, { run: run.id }, (d) => d.syncRunDiscard);
    if (!outcome.ok) return dispatch(flash('error', outcome.message));
    dispatch(flash('warn', 'Discarded: nothing changed.'));
    onChanged();
  };

  const dialog = discarding ? (
    <ConfirmDialog title="Discard the held run?" onConfirm={() => void discard(discarding)} onCancel={close}>
      <Text>
        It would have soft-deleted {discarding.counts.softDeleted} certificate(s) of{' '}
        {discarding.provider?.name}. Nothing changes.
      </Text>
    </ConfirmDialog>
  ) : null;

  return { confirm, askDiscard, dialog };
}
