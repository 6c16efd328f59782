import { describe, expect, it } from 'vitest';
import { murmur3x64 } from './murmur3.ts';
import { generateToken, keyHash } from './tokens.ts';

describe('murmur3x64', () => {
  it('matches the reference MurmurHash3 x64_128 (first half, seed 0)', () => {
    // mmh3.hash64('foo') → (-2129773440516405919, …) in the Python reference binding.
    expect(BigInt.asIntN(64, murmur3x64(Buffer.from('foo')))).toBe(-2129773440516405919n);
    expect(murmur3x64(Buffer.alloc(0))).toBe(0n);
  });

  it('covers every tail length without throwing and differs per input', () => {
    const seen = new Set<bigint>();
    for (let n = 0; n <= 33; n++) seen.add(murmur3x64(Buffer.alloc(n, 0x61)));
    expect(seen.size).toBe(34);
  });
});

describe('tokens', () => {
  it('writes Tyk`s default token format and a 16-hex key hash', () => {
    const token = generateToken('org1', 'abc');
    expect(Buffer.from(token, 'base64').toString()).toBe('{"org":"org1","id":"abc","h":"murmur64"}');
    expect(keyHash(token)).toMatch(/^[0-9a-f]{16}$/);
  });
});
