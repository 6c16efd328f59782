import { describe, expect, it } from 'vitest';
import { elapsed, expiresIn, shortDuration, validityShare } from './time.ts';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('time formats', () => {
  it('short durations', () => {
    expect(shortDuration(45_000)).toBe('45s');
    expect(shortDuration(5 * 60_000)).toBe('5m');
    expect(shortDuration(3 * 3_600_000)).toBe('3h');
    expect(shortDuration(400 * 86_400_000)).toBe('400d');
    expect(shortDuration(800 * 86_400_000)).toBe('2y');
  });

  it('expires-in for each state of validity', () => {
    expect(expiresIn('2026-01-01T00:00:00Z', '2026-12-10T12:00:00Z', NOW)).toBe('in 12d');
    expect(expiresIn('2026-01-01T00:00:00Z', '2026-11-25T12:00:00Z', NOW)).toBe('expired 3d ago');
    expect(expiresIn('2026-11-30T12:00:00Z', '2027-11-30T00:00:00Z', NOW)).toBe('starts in 2d');
  });

  it('validity share', () => {
    expect(validityShare('2026-11-27T12:00:00Z', '2026-11-29T12:00:00Z', NOW)).toBe(0.5);
    expect(validityShare('2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z', NOW)).toBe(0);
    expect(validityShare('2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z', NOW)).toBe(1);
  });

  it('says how long something took in one format', () => {
    expect(elapsed(850)).toBe('850ms');
    expect(elapsed(1_234)).toBe('1.2s');
    expect(elapsed(59_999)).toBe('59.9s');
    expect(elapsed(10_000)).toBe('10.0s');
    expect(elapsed(3 * 60_000 + 5_000)).toBe('3m');
  });
});
