import { describe, expect, it } from 'vitest';
import { normaliseFingerprint, splitTykCertificateId, tykCertificateId } from './fingerprints.ts';

const SHA256 = '7c440d66a5f3b0a1d2c3e4f5061728394a5b6c7d8e9f00112233445566771d90';
const SHA1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
const ORG = '5e9d9544a1dcd60001d0ed20';

describe('tykCertificateId', () => {
  it('is the org id followed by the 64-hex SHA-256, 88 characters for a Dashboard org', () => {
    const id = tykCertificateId(ORG, SHA256);
    expect(id).toBe(ORG + SHA256);
    expect(id).toHaveLength(88);
    expect(splitTykCertificateId(id)).toEqual({ orgId: ORG, sha256: SHA256 });
  });

  it('is the bare hash for an empty org, and splits only ids that end in 64 hex', () => {
    expect(tykCertificateId('', SHA256)).toBe(SHA256);
    expect(splitTykCertificateId(SHA256)).toEqual({ orgId: '', sha256: SHA256 });
    expect(splitTykCertificateId('nothex')).toBeUndefined();
  });
});

describe('normaliseFingerprint', () => {
  const colons = (hex: string) => hex.toUpperCase().match(/../g)!.join(':');

  it.each([
    ['lowercase hex', SHA256],
    ['uppercase hex', SHA256.toUpperCase()],
    ['openssl colons', colons(SHA256)],
    ['openssl output line', `SHA256 Fingerprint=${colons(SHA256)}`],
    ['sha256: prefix with spaces', `  sha256:${SHA256}  `],
    ['x5t#S256', Buffer.from(SHA256, 'hex').toString('base64url')],
    ['x5t#S256 with its member name', `x5t#S256:${Buffer.from(SHA256, 'hex').toString('base64url')}`],
  ])('reads SHA-256 from %s', (_, input) => {
    expect(normaliseFingerprint(input)).toEqual({ algorithm: 'SHA-256', hex: SHA256 });
  });

  it('reads a Tyk certificate id, keeping its org', () => {
    expect(normaliseFingerprint(ORG + SHA256.toUpperCase())).toEqual({
      algorithm: 'SHA-256',
      hex: SHA256,
      orgId: ORG,
    });
  });

  it.each([SHA1, colons(SHA1), `sha1 Fingerprint=${colons(SHA1)}`])('reads SHA-1 from %s', (input) => {
    expect(normaliseFingerprint(input)).toEqual({ algorithm: 'SHA-1', hex: SHA1 });
  });

  it.each(['', 'abc', 'zz'.repeat(32), `${SHA256}00`.slice(0, 63), 'not a fingerprint at all'])(
    'refuses %j',
    (input) => {
      expect(() => normaliseFingerprint(input)).toThrow(
        expect.objectContaining({ code: 'FINGERPRINT_INVALID' }),
      );
    },
  );
});
