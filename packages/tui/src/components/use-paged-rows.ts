// A list view over a connection read page by page: the rows loaded so far, filtered by the view's
// `/` text, with the table cursor, the selection (and its state, for the keymap) published, and
// the next page asked for as the cursor nears the end.
import type { TypedDocumentNode } from '@urql/core';
import { useEffect } from 'react';
import { useRowState, useSelection } from '../app-context.ts';
import { usePager } from '../graphql/use-pager.ts';
import { type Page, wantsMore } from '../state/pager.ts';
import type { ViewProps } from '../views/view-props.ts';
import { useTableCursor } from './use-table-cursor.ts';

export function usePagedRows<Data, Variables extends { first: number; after?: string | null }, T>(
  document: TypedDocumentNode<Data, Variables>,
  pick: (data: Data) => Page<T>,
  view: ViewProps,
  options: {
    /** What `/` matches a row against (case-insensitive). */
    readonly text: (row: T) => string;
    /** The row's status, when actions depend on it (keymap VALID_IN). */
    readonly state?: (row: T) => string;
    readonly variables?: Omit<Variables, 'first' | 'after'>;
    /** Read the loaded pages again every few seconds while on screen (usePager's `live`). */
    readonly live?: boolean;
  },
) {
  const { pager, loadMore, reload } = usePager(
    document,
    options.variables ?? ({} as Omit<Variables, 'first' | 'after'>),
    pick,
    100,
    { live: options.live },
  );
  const filter = view.entry.filter.toLowerCase();
  const rows = pager.rows.filter((row) => !filter || options.text(row).toLowerCase().includes(filter));
  const rowsHeight = Math.max(1, view.height - 2);
  const { cursor, move } = useTableCursor(rows.length, rowsHeight, view.entry.filter);
  const selected = rows[cursor.index];
  useRowState(selected && options.state ? options.state(selected) : undefined);
  useSelection(selected);
  useEffect(() => {
    if (wantsMore(pager, cursor.index, rowsHeight)) loadMore();
  }, [pager, cursor.index, rowsHeight, loadMore]);
  /** The title's count: rows shown, `+` while more pages remain, then `extra`, and `loading…`. */
  const summary = (extra?: string) =>
    ` (${rows.length}${pager.hasNextPage ? '+' : ''}${extra ? `, ${extra}` : ''})${pager.loading ? '  loading…' : ''}`;
  /** The ListView props that come from the listing: spread them (`<ListView {...table} …/>`). */
  const table = { error: pager.error, rows, cursor, height: rowsHeight, width: view.width };
  return { pager, rows, cursor, move, selected, reload, summary, table };
}
