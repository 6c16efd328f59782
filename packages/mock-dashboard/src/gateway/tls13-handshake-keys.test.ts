import { describe, expect, it } from 'vitest';
import { hkdfExpandLabel, TLS13_SUITES, trafficKeys } from './tls13-handshake-keys.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// RFC 8448 §3 (simple 1-RTT handshake, TLS_AES_128_GCM_SHA256), the vector Go's
// crypto/tls key_schedule_test.go TestTrafficKey checks too.
describe('trafficKeys', () => {
  it("derives RFC 8448's server handshake write key and IV", () => {
    const secret = hex(
      'b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38',
    );
    const keys = trafficKeys(TLS13_SUITES.TLS_AES_128_GCM_SHA256!, secret);
    expect(keys.key.toString('hex')).toBe('3fce516009c21727d0f2e4e86ee403bc');
    expect(keys.iv.toString('hex')).toBe('5d313eb2671276ee13000b30');
  });

  it('makes 32-byte keys for the AES-256 and ChaCha20 suites', () => {
    for (const name of ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']) {
      const keys = trafficKeys(TLS13_SUITES[name]!, Buffer.alloc(48, 1));
      expect([keys.key.length, keys.iv.length]).toEqual([32, 12]);
    }
  });
});

describe('hkdfExpandLabel', () => {
  it('expands past one hash block', () => {
    const long = hkdfExpandLabel('sha256', Buffer.alloc(32, 7), 'key', new Uint8Array(0), 80);
    const short = hkdfExpandLabel('sha256', Buffer.alloc(32, 7), 'key', new Uint8Array(0), 32);
    expect(long.length).toBe(80);
    // The length is part of the label, so a shorter output is not a prefix of a longer one.
    expect(long.subarray(0, 32).equals(short)).toBe(false);
  });
});
