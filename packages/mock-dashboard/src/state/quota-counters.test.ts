import { describe, expect, it } from 'vitest';
import { QuotaCounters } from './quota-counters.ts';

describe('QuotaCounters', () => {
  const at = (seconds: number) => new Date(Date.UTC(2031, 0, 1) + seconds * 1000);

  it('counts per key and starts again once the renewal period from the first request has passed', () => {
    const quotas = new QuotaCounters();
    expect([quotas.take('a', 60, at(0)), quotas.take('a', 60, at(30)), quotas.take('b', 60, at(30))]).toEqual(
      [1, 2, 1],
    );
    expect(quotas.peek('a', at(59.999))).toBe(2);
    expect(quotas.peek('a', at(60))).toBe(0);
    expect(quotas.take('a', 60, at(60))).toBe(1);
    expect(quotas.take('a', 60, at(119))).toBe(2);
  });

  it('never renews with a period of 0 or less; a reset starts from zero', () => {
    const quotas = new QuotaCounters();
    for (let i = 0; i < 5; i++) quotas.take('k', -1, at(i * 86_400));
    expect(quotas.peek('k', at(10 * 86_400))).toBe(5);
    quotas.reset('k');
    expect(quotas.take('k', 0, at(11 * 86_400))).toBe(1);
  });
});
