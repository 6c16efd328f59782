import { createHash, randomBytes } from 'node:crypto';

/** Bearer tokens look like `mtp_<43 base64url chars>` (256 random bits); the prefix makes leaks greppable. */
export function generateUserToken(): string {
  return `mtp_${randomBytes(32).toString('base64url')}`;
}

/** What is stored: SHA-256 hex. Tokens are random, so no salt or slow hash is needed to resist guessing. */
export function hashUserToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
