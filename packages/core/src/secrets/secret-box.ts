import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { DomainError } from '../errors.ts';

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const SECRET_ERROR_CODES = {
  SECRET_KEY_INVALID: 'The configured secret key is missing, malformed, or does not open a stored secret.',
} as const;

/** The configured key is missing, malformed, or does not open a stored secret. */
export class SecretKeyError extends DomainError {
  readonly code = 'SECRET_KEY_INVALID' as const;
}

/**
 * Encrypts secrets at rest (provider API keys, issued tokens) with AES-256-GCM. The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url, so a key rotation can introduce `v2` beside it.
 * GCM authenticates: a wrong key or a tampered value fails to open instead of returning garbage.
 */
export class SecretBox {
  readonly #key: Buffer;

  /** `key`: 32 bytes as base64 or base64url (e.g. `openssl rand -base64 32`). */
  constructor(key: string) {
    const bytes = Buffer.from(key, 'base64');
    if (bytes.length !== 32) {
      throw new SecretKeyError('The secret key must be 32 bytes, base64-encoded (openssl rand -base64 32).');
    }
    this.#key = bytes;
  }

  /**
   * A stable, unguessable name for `input` (HMAC-SHA256 under a subkey of the secret key, base64url):
   * the same input always gives the same name, and nobody without the key can compute it.
   */
  derive(purpose: string, input: string): string {
    const subkey = Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), `mtls-portal:${purpose}`, 32));
    return createHmac('sha256', subkey).update(input, 'utf8').digest('base64url');
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new SecretKeyError('A stored secret is not in a known format.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretKeyError(
        'A stored secret could not be opened: the secret key differs from the one it was sealed with.',
      );
    }
  }
}
