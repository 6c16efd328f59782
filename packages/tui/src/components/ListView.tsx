import { Box, Text } from 'ink';
import { useApp } from '../app-context.ts';
import { Table, type TableProps } from './Table.tsx';

export interface ListViewProps<T> extends TableProps<T> {
  /** The view's name, shown bold. */
  readonly title: string;
  /** Counts and state after the title, dimmed: `(12)  loading…`. */
  readonly summary: string;
  /** The last load's failure, shown in red after the summary. */
  readonly error?: string | null | undefined;
}

/** A list view's body: a one-line header (title, summary, error) over the table. */
export function ListView<T>({ title, summary, error, ...table }: ListViewProps<T>) {
  // The server is away: the rows stay, dimmed, as what was last known.
  const { online } = useApp();
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>{title}</Text>
        <Text dimColor>{summary}</Text>
        {error ? <Text color="red">{`  ${error}`}</Text> : null}
      </Text>
      <Table {...table} dim={online ? table.dim : () => true} />
    </Box>
  );
}
