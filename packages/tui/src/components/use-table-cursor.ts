// The table cursor as React state, moved by the keymap's navigation actions.
import { useCallback, useEffect, useState } from 'react';
import { type CursorMove, moveCursor, type TableCursor, TOP } from '../state/table-cursor.ts';

const MOVES: Record<string, CursorMove['type']> = {
  up: 'up',
  down: 'down',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
  top: 'top',
  bottom: 'bottom',
};

export function useTableCursor(count: number, height: number, resetKey = '') {
  const [cursor, setCursor] = useState<TableCursor>(TOP);
  // A new listing starts at the top; a longer or shorter one keeps the cursor valid.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey names the listing.
  useEffect(() => setCursor(TOP), [resetKey]);
  useEffect(() => setCursor((c) => moveCursor(c, { type: 'clamp' }, count, height)), [count, height]);
  /** Applies a navigation action; false when the id is not one. */
  const move = useCallback(
    (actionId: string): boolean => {
      const type = MOVES[actionId];
      if (!type) return false;
      setCursor((c) => moveCursor(c, { type }, count, height));
      return true;
    },
    [count, height],
  );
  return { cursor, move };
}
