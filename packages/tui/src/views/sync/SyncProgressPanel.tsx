// The watched run: phase, pages read, a progress bar fed by the subscription, and the outcome.
import { Box, Text } from 'ink';
import { Bar } from '../../components/Bar.tsx';
import { syncStatus } from '../../format/status.ts';
import type { TrackedRun } from './sync-tracker.ts';

export function SyncProgressPanel({ run, width }: { readonly run: TrackedRun; readonly width: number }) {
  const p = run.progress;
  const status = syncStatus(p?.status ?? 'RUNNING');
  const share = p ? (p.phase === 'DONE' ? 1 : p.pagesTotal ? p.pagesFetched / p.pagesTotal : 0) : 0;
  // A run that had ended before the subscription began reports no pages: say nothing of them then.
  const pages = !p
    ? ' · waiting for the first event…'
    : p.pagesFetched > 0
      ? ` · ${p.pagesFetched}/${p.pagesTotal ?? '?'} pages`
      : '';
  return (
    <Box flexDirection="column" borderStyle="single" borderColor={status.color} paddingX={1}>
      <Text wrap="truncate">
        <Text bold>Sync of {run.providerName}</Text>
        {'  '}
        <Text color={status.color}>{status.text}</Text>
        <Text dimColor>{`  ${p?.phase.toLowerCase() ?? 'starting'}${pages}`}</Text>
      </Text>
      <Bar share={share} width={Math.max(10, Math.min(60, width - 8))} color={status.color} />
      {p?.counts ? (
        <Text>
          +{p.counts.added} added · {p.counts.restored} restored · −{p.counts.softDeleted} soft-deleted ·{' '}
          {p.counts.unchanged} unchanged
        </Text>
      ) : null}
      {p?.status === 'HELD' ? (
        <Text color="yellow">Held: it would soft-delete an unusual share. c confirms, ctrl-d discards.</Text>
      ) : null}
      {p?.error ? <Text color="red">{p.error}</Text> : null}
      {run.error ? <Text color="red">Progress unavailable: {run.error}</Text> : null}
    </Box>
  );
}
