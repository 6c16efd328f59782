// Inside the confirmation of a HELD run: the certificates it would soft-delete, a window at a time
// (`j`/`k`, `g`/`G`), so the admin sees what goes before saying yes.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { expiresIn } from '../../format/time.ts';
import { HeldDeletionsQuery } from '../../graphql/operations/sync.ts';
import { useQuery } from '../../graphql/use-query.ts';

/** The most the list loads: one page (the count above it says how many there are in all). */
const LOADED = 100;

export function HeldDeletionsList({ runId, rows }: { runId: string; rows: number }) {
  const { data, error } = useQuery(HeldDeletionsQuery, { run: runId, first: LOADED });
  const [top, setTop] = useState(0);
  const held = data?.node && 'heldDeletions' in data.node ? data.node.heldDeletions : undefined;
  const nodes = held?.nodes ?? [];
  const last = Math.max(0, nodes.length - rows);

  useInput((input, key) => {
    if (input === 'j' || key.downArrow) setTop((t) => Math.min(last, t + 1));
    else if (input === 'k' || key.upArrow) setTop((t) => Math.max(0, t - 1));
    else if (input === 'g') setTop(0);
    else if (input === 'G') setTop(last);
  });

  if (error) return <Text color="red">The list did not load: {error}</Text>;
  if (!held) return <Text dimColor>Loading the certificates…</Text>;
  const window = nodes.slice(top, top + rows);
  const more = held.totalCount - nodes.length;
  return (
    <Box flexDirection="column" marginY={1}>
      {window.map((c) => (
        <Text key={c.id} wrap="truncate">
          {`  ${(c.name ?? c.subjectCn ?? '(no CN)').padEnd(36)} ${expiresIn(c.notBefore, c.notAfter).padEnd(16)} ${c.tykId}`}
        </Text>
      ))}
      <Text dimColor>
        {`${top + 1}-${top + window.length}/${held.totalCount}`}
        {more > 0 ? ` (the first ${nodes.length} listed)` : ''} · j/k scroll
      </Text>
    </Box>
  );
}
