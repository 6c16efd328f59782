const MASK = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;

function fmix(k: bigint): bigint {
  let h = k;
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & MASK;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & MASK;
  return h ^ (h >> 33n);
}

function readLane(bytes: Buffer, offset: number, length: number): bigint {
  let value = 0n;
  for (let i = length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i]!);
  return value;
}

/**
 * MurmurHash3 x64_128 with seed 0, first half: what Go's `spaolacci/murmur3` `New64()` returns
 * and what Tyk's `murmur64` key hashing uses. BigInt keeps it exact; keys are short, so it is cheap.
 */
export function murmur3x64(data: Buffer): bigint {
  let h1 = 0n;
  let h2 = 0n;
  const blocks = Math.floor(data.length / 16);
  for (let i = 0; i < blocks; i++) {
    let k1 = readLane(data, i * 16, 8);
    let k2 = readLane(data, i * 16 + 8, 8);
    k1 = (rotl((k1 * C1) & MASK, 31n) * C2) & MASK;
    h1 ^= k1;
    h1 = (((rotl(h1, 27n) + h2) & MASK) * 5n + 0x52dce729n) & MASK;
    k2 = (rotl((k2 * C2) & MASK, 33n) * C1) & MASK;
    h2 ^= k2;
    h2 = (((rotl(h2, 31n) + h1) & MASK) * 5n + 0x38495ab5n) & MASK;
  }
  const tail = blocks * 16;
  const rest = data.length - tail;
  if (rest > 8) h2 ^= (rotl((readLane(data, tail + 8, rest - 8) * C2) & MASK, 33n) * C1) & MASK;
  if (rest > 0) h1 ^= (rotl((readLane(data, tail, Math.min(rest, 8)) * C1) & MASK, 31n) * C2) & MASK;
  const length = BigInt(data.length);
  h1 ^= length;
  h2 ^= length;
  h1 = (h1 + h2) & MASK;
  h2 = (h2 + h1) & MASK;
  h1 = fmix(h1);
  h2 = fmix(h2);
  return (h1 + h2) & MASK;
}
