import { describe, expect, it } from 'vitest';
import { createIdGenerator, idTime, newId } from './ids.ts';

function clockAt(...isoTimes: string[]): () => number {
  const times = isoTimes.map((t) => Date.parse(t));
  return () => times.shift() ?? Number.NaN;
}

describe('newId', () => {
  it('has the prefix and a fixed-length body of lowercase base32', () => {
    expect(newId('crt')).toMatch(/^crt_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(newId('cred')).toMatch(/^cred_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('is unique and strictly increasing within one process, even in the same millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('crt'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('sorts by creation time across milliseconds', () => {
    const next = createIdGenerator(
      clockAt('2030-01-01T00:00:00Z', '2030-01-01T00:00:00.001Z', '2031-06-01Z'),
    );
    const [early, late, later] = [next('acr'), next('acr'), next('acr')];
    expect([later, early, late].sort()).toEqual([early, late, later]);
  });

  it('stays ordered when the clock steps back', () => {
    const next = createIdGenerator(clockAt('2032-01-01T00:00:00Z', '2031-01-01T00:00:00Z'));
    const first = next('job');
    expect(next('job') > first).toBe(true);
  });

  it('encodes its creation time', () => {
    const next = createIdGenerator(clockAt('2033-03-03T03:03:03.333Z'));
    expect(idTime(next('syn'))?.toISOString()).toBe('2033-03-03T03:03:03.333Z');
    expect(idTime('not-an-id')).toBeUndefined();
  });
});
