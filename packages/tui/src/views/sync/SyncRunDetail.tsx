// `enter` on a run: what it did (or would do, when HELD), with confirm and discard.
import { Box, Text } from 'ink';
import { useRowState, useSelection, useViewKeys } from '../../app-context.ts';
import { Field } from '../../components/Field.tsx';
import { syncStatus } from '../../format/status.ts';
import { dateTime, elapsed } from '../../format/time.ts';
import { SyncRunQuery, type SyncRunRow } from '../../graphql/operations/sync.ts';
import { useQuery } from '../../graphql/use-query.ts';
import type { ViewProps } from '../view-props.ts';
import { useHeldRun } from './use-held-run.tsx';

export function SyncRunDetail({ entry }: ViewProps) {
  const { data, error, fetching, refetch } = useQuery(SyncRunQuery, { id: entry.params.id ?? '' });
  const run = data?.node?.__typename === 'SyncRun' ? (data.node as SyncRunRow) : undefined;
  const held = useHeldRun(refetch);

  useRowState(run?.status);
  useSelection(run);
  useViewKeys((id) => {
    if (!run) return false;
    if (id === 'confirm') held.askConfirm(run);
    else if (id === 'discard') void held.discard(run);
    else return false;
    return true;
  });

  if (held.dialog) return held.dialog;
  if (error) return <Text color="red">{error}</Text>;
  if (!run) return <Text dimColor>{fetching ? 'Loading…' : 'No such run.'}</Text>;
  const status = syncStatus(run.status);
  return (
    <Box flexDirection="column">
      <Field label="Provider">{run.provider?.name ?? '—'}</Field>
      <Field label="Status">
        <Text color={status.color}>{status.text}</Text>
      </Field>
      <Field label="Trigger">{run.trigger.toLowerCase()}</Field>
      <Field label="Started">{dateTime(run.startedAt)}</Field>
      <Field label="Finished">{dateTime(run.finishedAt)}</Field>
      <Field label="Took">{run.durationMs === null ? '-' : elapsed(run.durationMs)}</Field>
      <Field label={run.status === 'HELD' ? 'Would' : 'Changed'}>
        +{run.counts.added} added · {run.counts.restored} restored · −{run.counts.softDeleted} soft-deleted ·{' '}
        {run.counts.unchanged} unchanged
      </Field>
      {run.error ? <Field label="Error">{<Text color="red">{run.error}</Text>}</Field> : null}
      {run.status === 'HELD' ? (
        <Text color="yellow">Held for an admin: c applies it, ctrl-d discards it.</Text>
      ) : null}
    </Box>
  );
}
