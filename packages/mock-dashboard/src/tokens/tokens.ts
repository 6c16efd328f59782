import { randomBytes } from 'node:crypto';
import { murmur3x64 } from './murmur3.ts';

/**
 * Tyk's default token format (`storage.GenerateToken` with a hash algorithm set): base64 of
 * `{"org":"<org>","id":"<id>","h":"murmur64"}`, written with Sprintf, so nothing is escaped.
 * A random key gets a 32-hex id; a custom key (`POST /api/keys/{id}`) uses the given id.
 */
export function generateToken(orgId: string, keyId: string = randomBytes(16).toString('hex')): string {
  return Buffer.from(`{"org":"${orgId}","id":"${keyId}","h":"murmur64"}`, 'utf8').toString('base64');
}

/** `key_hash`: hex of the big-endian murmur64 of the token, 16 characters (Tyk `storage.HashKey`). */
export function keyHash(token: string): string {
  return murmur3x64(Buffer.from(token, 'utf8')).toString(16).padStart(16, '0');
}

/** A 24-hex id shaped like the Mongo ObjectIds the Dashboard uses for `id` / `dbId`. */
export function objectId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}

/** A 32-hex `api_id`, as the Dashboard generates. */
export function apiId(): string {
  return randomBytes(16).toString('hex');
}
