// The selected row of a table and the first row on screen: only `height` rows are rendered, so a
// listing of 10,000 costs what a screenful does. Pure.

export interface TableCursor {
  /** Selected row, 0-based over the whole listing. */
  readonly index: number;
  /** First row shown. */
  readonly offset: number;
}

export type CursorMove =
  | { readonly type: 'up' }
  | { readonly type: 'down' }
  | { readonly type: 'pageUp' }
  | { readonly type: 'pageDown' }
  | { readonly type: 'top' }
  | { readonly type: 'bottom' }
  /** Keep the cursor valid after the listing changed size or the screen did. */
  | { readonly type: 'clamp' };

export const TOP: TableCursor = { index: 0, offset: 0 };

/** Moves within `count` rows shown `height` at a time; the offset follows the cursor. */
export function moveCursor(
  cursor: TableCursor,
  move: CursorMove,
  count: number,
  height: number,
): TableCursor {
  const rows = Math.max(1, height);
  if (count <= 0) return TOP;
  const last = count - 1;
  const target = {
    up: cursor.index - 1,
    down: cursor.index + 1,
    pageUp: cursor.index - rows,
    pageDown: cursor.index + rows,
    top: 0,
    bottom: last,
    clamp: cursor.index,
  }[move.type];
  const index = Math.min(Math.max(target, 0), last);
  let offset = cursor.offset;
  if (index < offset) offset = index;
  if (index >= offset + rows) offset = index - rows + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, count - rows)));
  if (index === cursor.index && offset === cursor.offset) return cursor;
  return { index, offset };
}
