import { describe, expect, it } from 'vitest';
import { authTypeWords, certificateModeWords } from './words.ts';

describe('enum values in words', () => {
  it("names auth types and certificate modes as Tyk's Dashboard does", () => {
    expect(authTypeWords('AUTH_TOKEN_MTLS')).toBe('Auth Token + mTLS');
    expect(authTypeWords('JWT_MTLS')).toBe('JWT + mTLS');
    expect(authTypeWords('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(certificateModeWords('SELF_SERVE')).toBe('Self-Serve');
    expect(certificateModeWords('MANAGED')).toBe('Managed');
    expect(certificateModeWords(null)).toBe('-');
  });
});
