import { describe, expect, it } from 'vitest';
import { FLASH_MS, flashReducer } from './flash.ts';

describe('flashReducer', () => {
  it('shows a message until it expires; errors stay longer', () => {
    const info = flashReducer(null, { type: 'show', level: 'info', text: 'Saved', now: 1000 });
    expect(info).toEqual({ level: 'info', text: 'Saved', until: 1000 + FLASH_MS });
    expect(flashReducer(info, { type: 'expire', now: 1000 + FLASH_MS - 1 })).toBe(info);
    expect(flashReducer(info, { type: 'expire', now: 1000 + FLASH_MS })).toBeNull();
    const error = flashReducer(null, { type: 'show', level: 'error', text: 'No', now: 0 });
    expect(error?.until).toBe(2 * FLASH_MS);
  });

  it('clears, and expiring nothing is nothing', () => {
    expect(flashReducer({ level: 'warn', text: 'x', until: 5 }, { type: 'clear' })).toBeNull();
    expect(flashReducer(null, { type: 'expire', now: 1 })).toBeNull();
  });
});
