import { randomBytes } from 'node:crypto';

/**
 * The prefix of every table's primary key, so an id says what it names in logs and support
 * tickets (`crt_…` is a certificate).
 */
export const ID_PREFIXES = {
  provider: 'prv',
  organisation: 'org',
  user: 'usr',
  certificate: 'crt',
  product: 'prd',
  plan: 'pln',
  app: 'app',
  accessRequest: 'acr',
  credential: 'cred',
  syncRun: 'syn',
  auditEvent: 'aud',
  job: 'job',
  rotation: 'rot',
  webhookEvent: 'whe',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

// Crockford base32 in lowercase. Digits sort before lowercase letters in byte order and in every
// PostgreSQL collation, so `ORDER BY id` gives creation order whatever the database's locale
// (base58 mixes cases, which en_US-style collations compare case-insensitively).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TIME_CHARS = 10; // 50 bits: milliseconds since 1970 until the year 37648
const RANDOM_CHARS = 16; // 80 bits
const RANDOM_MAX = (1n << 80n) - 1n;

function encode(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}

function freshRandom(): bigint {
  return BigInt(`0x${randomBytes(10).toString('hex')}`);
}

export type NewId = (prefix: IdPrefix) => string;

/**
 * An id generator with its own monotonic state and clock (tests inject a clock). Ids are
 * `<prefix>_<26 chars>`: 10 characters of millisecond time, then 16 of randomness. Ids from one
 * generator are strictly increasing: within the same millisecond, or when the clock steps back,
 * the random part is incremented instead of redrawn, as in monotonic ULIDs.
 */
export function createIdGenerator(clock: () => number = Date.now): NewId {
  let lastTime = 0;
  let lastRandom = 0n;
  return (prefix) => {
    const now = clock();
    if (now > lastTime) {
      lastTime = now;
      lastRandom = freshRandom();
    } else if (lastRandom < RANDOM_MAX) {
      lastRandom += 1n;
    } else {
      // 2^80 ids in one millisecond cannot happen; borrowing the next millisecond keeps the order.
      lastTime += 1;
      lastRandom = freshRandom();
    }
    return `${prefix}_${encode(BigInt(lastTime), TIME_CHARS)}${encode(lastRandom, RANDOM_CHARS)}`;
  };
}

/** The process-wide generator: `newId('crt')` → `crt_01j…`. */
export const newId: NewId = createIdGenerator();

/** The creation time encoded in an id made by {@link newId}; undefined when it is not one. */
export function idTime(id: string): Date | undefined {
  const match = /^[a-z]+_([0-9a-hjkmnp-tv-z]{26})$/.exec(id);
  if (!match?.[1]) return undefined;
  let ms = 0;
  for (const char of match[1].slice(0, TIME_CHARS)) ms = ms * 32 + ALPHABET.indexOf(char);
  return new Date(ms);
}
