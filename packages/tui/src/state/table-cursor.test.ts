import { describe, expect, it } from 'vitest';
import { type CursorMove, moveCursor, type TableCursor, TOP } from './table-cursor.ts';

describe('moveCursor (100 rows, 10 on screen)', () => {
  const cases: [string, TableCursor, CursorMove['type'], TableCursor][] = [
    ['down within the window', TOP, 'down', { index: 1, offset: 0 }],
    ['down past the window scrolls by one', { index: 9, offset: 0 }, 'down', { index: 10, offset: 1 }],
    ['up at the top stays', TOP, 'up', TOP],
    ['up above the window scrolls back', { index: 10, offset: 10 }, 'up', { index: 9, offset: 9 }],
    ['page down', { index: 3, offset: 0 }, 'pageDown', { index: 13, offset: 4 }],
    ['page up clamps at 0', { index: 5, offset: 0 }, 'pageUp', TOP],
    ['bottom', TOP, 'bottom', { index: 99, offset: 90 }],
    ['top', { index: 99, offset: 90 }, 'top', TOP],
  ];
  for (const [name, from, move, to] of cases) {
    it(name, () => expect(moveCursor(from, { type: move }, 100, 10)).toEqual(to));
  }

  it('returns the same object when nothing moves', () => {
    const at = { index: 0, offset: 0 };
    expect(moveCursor(at, { type: 'up' }, 100, 10)).toBe(at);
  });

  it('clamps after the listing shrinks, and an empty listing is the top', () => {
    expect(moveCursor({ index: 50, offset: 45 }, { type: 'clamp' }, 20, 10)).toEqual({
      index: 19,
      offset: 10,
    });
    expect(moveCursor({ index: 5, offset: 0 }, { type: 'down' }, 0, 10)).toBe(TOP);
  });
});
