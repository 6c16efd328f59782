// A table that renders only the rows on screen: `rows` is the whole loaded listing, `cursor` says
// which slice to draw and which row is selected. Each row is one pre-coloured string in a
// memoised component, so moving the cursor re-renders two rows, not the screen.
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { paint } from '../format/ansi.ts';
import { fit } from '../format/status.ts';
import type { TableCursor } from '../state/table-cursor.ts';
import { type ColumnSpec, layoutColumns } from './column-layout.ts';

export interface Cell {
  readonly text: string;
  readonly color?: string;
}

/** A column: its width rules (column-layout.ts) and how a row fills it. */
export interface Column<T> extends ColumnSpec {
  readonly cell: (row: T) => Cell | string;
}

export interface TableProps<T> {
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly cursor: TableCursor;
  /** Rows of data on screen (the header line is extra). */
  readonly height: number;
  readonly width: number;
  readonly rowKey: (row: T) => string;
  /** Dimmed rows (soft-deleted). */
  readonly dim?: (row: T) => boolean;
  readonly empty?: string;
}

export function Table<T>({ columns, rows, cursor, height, width, rowKey, dim, empty }: TableProps<T>) {
  const widths = useMemo(
    () => layoutColumns(columns, width, contentWidths(columns, rows)),
    [columns, rows, width],
  );
  const visible = rows.slice(cursor.offset, cursor.offset + Math.max(1, height));
  return (
    <Box flexDirection="column">
      <Text bold color="cyan" wrap="truncate">
        {columns.flatMap((c, i) => (widths[i]! > 0 ? [fit(c.title, widths[i]!)] : [])).join(' ')}
      </Text>
      {visible.length === 0 && empty ? <Text dimColor>{empty}</Text> : null}
      {visible.map((row, i) => (
        <Row
          key={rowKey(row)}
          row={row}
          columns={columns}
          widths={widths}
          selected={cursor.offset + i === cursor.index}
          dim={dim?.(row) ?? false}
        />
      ))}
    </Box>
  );
}

interface RowProps<T> {
  readonly row: T;
  readonly columns: readonly Column<T>[];
  readonly widths: readonly number[];
  readonly selected: boolean;
  readonly dim: boolean;
}

const Row = memo(function Row<T>({ row, columns, widths, selected, dim }: RowProps<T>) {
  const line = columns
    .flatMap((column, c) => {
      if (widths[c]! === 0) return []; // dropped: the terminal is too narrow for it
      const value = column.cell(row);
      const cell = typeof value === 'string' ? { text: value } : value;
      const text = fit(cell.text, widths[c]!);
      return selected ? text : paint(text, cell.color);
    })
    .join(' ');
  // Exactly as wide as the table (layoutColumns), so Ink needs neither wrapping nor truncation:
  // both re-parse every ANSI sequence of the line on every frame.
  return (
    <Text inverse={selected} dimColor={!selected && dim}>
      {line}
    </Text>
  );
}) as <T>(props: RowProps<T>) => React.ReactElement;

/** The longest text of each column over the loaded rows, title included. */
function contentWidths<T>(columns: readonly Column<T>[], rows: readonly T[]): number[] {
  return columns.map((column) => {
    let longest = [...column.title].length;
    for (const row of rows) {
      const value = column.cell(row);
      longest = Math.max(longest, [...(typeof value === 'string' ? value : value.text)].length);
    }
    return longest;
  });
}
