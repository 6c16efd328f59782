// A table that renders only the rows on screen: `rows` is the whole loaded listing, `cursor` says
// which slice to draw and which row is selected. Each row is one pre-coloured string in a
// memoised component, so moving the cursor re-renders two rows, not the screen.
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { paint } from '../format/ansi.ts';
import { fit } from '../format/status.ts';
import type { TableCursor } from '../state/table-cursor.ts';

export interface Cell {
  readonly text: string;
  readonly color?: string;
}

export interface Column<T> {
  readonly title: string;
  /** Characters; the last column takes what is left. */
  readonly width: number;
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
  const widths = useMemo(() => columnWidths(columns, width), [columns, width]);
  const visible = rows.slice(cursor.offset, cursor.offset + Math.max(1, height));
  return (
    <Box flexDirection="column">
      <Text bold color="cyan" wrap="truncate">
        {columns.map((c, i) => fit(c.title, widths[i]!)).join(' ')}
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
    .map((column, c) => {
      const value = column.cell(row);
      const cell = typeof value === 'string' ? { text: value } : value;
      const text = fit(cell.text, widths[c]!);
      return selected ? text : paint(text, cell.color);
    })
    .join(' ');
  // Exactly as wide as the table (columnWidths), so Ink needs neither wrapping nor truncation:
  // both re-parse every ANSI sequence of the line on every frame.
  return (
    <Text inverse={selected} dimColor={!selected && dim}>
      {line}
    </Text>
  );
}) as <T>(props: RowProps<T>) => React.ReactElement;

/** Widths (plus one space between columns) adding up to exactly `width`; the last takes the rest. */
export function columnWidths<T>(columns: readonly Column<T>[], width: number): number[] {
  let left = width;
  return columns.map((c, i) => {
    const w = i === columns.length - 1 ? left : Math.min(c.width, left);
    left = Math.max(0, left - w - 1);
    return Math.max(0, w);
  });
}
