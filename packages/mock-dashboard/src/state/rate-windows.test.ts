import { describe, expect, it } from 'vitest';
import { RateWindows } from './rate-windows.ts';

describe('RateWindows', () => {
  const at = (seconds: number) => new Date(Date.UTC(2031, 0, 1) + seconds * 1000);

  it('admits `rate` requests per window from the first one; a refused request takes nothing', () => {
    const windows = new RateWindows();
    const taken = [0, 1, 2, 3].map((s) => windows.take('k', 3, 60, at(s)));
    expect(taken).toEqual([true, true, true, false]);
    expect(windows.take('other', 3, 60, at(3))).toBe(true);
    expect(windows.take('k', 3, 60, at(60))).toBe(false); // the window ends after 60 s, not at
    expect(windows.take('k', 3, 60, at(60.001))).toBe(true);
  });

  it('starts a fresh window after a reset (a key written without suppress_reset)', () => {
    const windows = new RateWindows();
    expect([windows.take('k', 1, 60, at(0)), windows.take('k', 1, 60, at(1))]).toEqual([true, false]);
    windows.reset('k');
    expect(windows.take('k', 1, 60, at(2))).toBe(true);
  });
});
