import { describe, expect, it } from 'vitest';
import { FaultRegistry, globMatches } from './fault-registry.ts';

describe('globMatches', () => {
  it('treats * as any run of characters and everything else literally', () => {
    expect(globMatches('/api/certs*', '/api/certs/abc/apis')).toBe(true);
    expect(globMatches('/api/certs', '/api/certs/abc')).toBe(false);
    expect(globMatches('/api/*/apis', '/api/certs/x/apis')).toBe(true);
    expect(globMatches('/a.b', '/aXb')).toBe(false);
  });
});

describe('FaultRegistry', () => {
  it('takes the first matching rule and counts `times` only when it fires', () => {
    const registry = new FaultRegistry();
    registry.add({ method: 'POST', path: '/x', kind: 'drop', times: 1 });
    registry.add({ path: '/x', kind: 'status', status: 500 });
    expect(registry.take('dashboard', 'GET', '/x')?.kind).toBe('status');
    expect(registry.take('dashboard', 'post', '/x')?.kind).toBe('drop');
    expect(registry.take('dashboard', 'POST', '/x')?.kind).toBe('status');
    expect(registry.take('gateway', 'POST', '/x')).toBeUndefined();
  });

  it('lets the first `skip` matching calls through, then fires', () => {
    const registry = new FaultRegistry();
    registry.add({ method: 'GET', path: '/api/certs', kind: 'status', status: 500, skip: 2, times: 1 });
    const fired = Array.from(
      { length: 4 },
      () => registry.take('dashboard', 'GET', '/api/certs') !== undefined,
    );
    expect(fired).toEqual([false, false, true, false]);
  });

  it('draws probabilities from the seed', () => {
    const draws = (seed: number) => {
      const registry = new FaultRegistry(seed);
      registry.add({ path: '*', kind: 'drop', probability: 0.3 });
      return Array.from({ length: 20 }, () => registry.take('dashboard', 'GET', '/') !== undefined);
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });
});
