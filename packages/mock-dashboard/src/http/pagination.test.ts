import { describe, expect, it } from 'vitest';
import { paginate } from './pagination.ts';

const items = Array.from({ length: 25 }, (_, i) => i);

describe('paginate', () => {
  it.each([
    [null, [0, 9]],
    ['', [0, 9]],
    ['0', [0, 9]],
    ['1', [0, 9]],
    ['abc', [0, 9]],
    ['3', [20, 24]],
  ] as const)('p=%s gives items %j', (p, [first, last]) => {
    const page = paginate(items, p, 10);
    expect([page.items[0], page.items.at(-1), page.pages]).toEqual([first, last, 3]);
  });

  it('is empty past the last page and complete for p < 0', () => {
    expect(paginate(items, '4', 10)).toEqual({ items: [], pages: 3 });
    expect(paginate(items, '-1', 10).items).toHaveLength(25);
    expect(paginate([], '1', 10)).toEqual({ items: [], pages: 0 });
    expect(paginate(items, '1', 25).pages).toBe(1);
  });
});
