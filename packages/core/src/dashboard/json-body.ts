import { randomUUID } from 'node:crypto';

/**
 * `JSON.stringify`, except that a bigint is written as an exact JSON number: Tyk reads fields such
 * as `quota_max` into an int64, which a JS number cannot carry past 2^53 (and JSON.stringify
 * refuses bigints). A fresh marker per call cannot collide with any string in the value.
 */
export function jsonBody(value: unknown): string {
  const marker = `int64:${randomUUID()}:`;
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${marker}${v}` : v));
  return text.split(`"${marker}`).reduce((out, part) => out + part.replace(/^(-?\d+)"/, '$1'));
}
