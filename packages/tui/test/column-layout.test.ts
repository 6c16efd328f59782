import { describe, expect, it } from 'vitest';
import { type ColumnSpec, layoutColumns } from '../src/components/column-layout.ts';
import { certificateColumns } from '../src/views/certificates/columns.tsx';

const total = (widths: number[]) => {
  const shown = widths.filter((w) => w > 0);
  return shown.reduce((a, b) => a + b, 0) + shown.length - 1;
};

describe('layoutColumns', () => {
  const columns: ColumnSpec[] = [
    { title: 'NAME', width: 20, flex: true, minWidth: 8, priority: 9 },
    { title: 'CN', width: 20, flex: true, minWidth: 8, priority: 5 },
    { title: 'STATUS', width: 10, priority: 8 },
    { title: 'SOURCE', width: 8, priority: 1 },
  ];

  it.each([200, 140, 100, 80, 60, 40, 30, 20])('fills exactly %i columns', (width) => {
    expect(total(layoutColumns(columns, width))).toBe(width);
  });

  it('shrinks flex columns before dropping any, and drops the lowest priority first', () => {
    expect(layoutColumns(columns, 55)).toEqual([17, 17, 10, 8]); // 61 wanted: the flex columns give 6
    expect(layoutColumns(columns, 40)).toEqual([9, 10, 10, 8]); // every minimum still fits
    expect(layoutColumns(columns, 30)).toEqual([9, 9, 10, 0]); // SOURCE (priority 1) dropped
    expect(layoutColumns(columns, 25)).toEqual([14, 0, 10, 0]); // then CN
  });

  it('gives spare width to the flex columns whose content is cut, the most cut first', () => {
    // 19 spare characters for 24 cut: NAME (cut by 20) gains until both are cut alike.
    expect(layoutColumns(columns, 80, [40, 24, 6, 6])).toEqual([38, 21, 10, 8]);
    // Room for all of it: the rest goes to the last column.
    expect(layoutColumns(columns, 100, [30, 24, 6, 6])).toEqual([30, 24, 10, 33]);
  });

  it('keeps the certificate list readable at 80 columns: name, CN, expiry and status stay', () => {
    const specs = certificateColumns();
    const widths = layoutColumns(specs, 80);
    const shown = specs.filter((_, i) => widths[i]! > 0).map((c) => c.title);
    expect(shown).toEqual(expect.arrayContaining(['NAME', 'CN', 'EXPIRES', 'STATUS']));
    expect(total(widths)).toBe(80);
  });
});
