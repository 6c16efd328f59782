import { createHmac } from 'node:crypto';

/** What the key schedule and record protection need of a TLS 1.3 cipher suite. */
export interface Tls13Suite {
  readonly hash: 'sha256' | 'sha384';
  readonly aead: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  readonly keyLength: 16 | 32;
}

/**
 * The suites Go enables for TLS 1.3 (crypto/tls cipher_suites.go `cipherSuitesTLS13`), which are
 * also OpenSSL's and so Node's default `ciphersuites`: the only ones the gateway can negotiate.
 * Keyed by the IANA name that `TLSSocket.getCipher().standardName` reports (RFC 8446 §B.4).
 */
export const TLS13_SUITES: Readonly<Record<string, Tls13Suite>> = {
  TLS_AES_128_GCM_SHA256: { hash: 'sha256', aead: 'aes-128-gcm', keyLength: 16 },
  TLS_AES_256_GCM_SHA384: { hash: 'sha384', aead: 'aes-256-gcm', keyLength: 32 },
  TLS_CHACHA20_POLY1305_SHA256: { hash: 'sha256', aead: 'chacha20-poly1305', keyLength: 32 },
};

/** A write key and IV (RFC 8446 §7.3). */
export interface TrafficKeys {
  readonly suite: Tls13Suite;
  readonly key: Buffer;
  readonly iv: Buffer;
}

// Every TLS 1.3 AEAD uses a 12-byte nonce, so the IV is 12 bytes (RFC 8446 §5.3, Go `aeadNonceLength`).
const IV_LENGTH = 12;

/**
 * `[sender]_write_key` and `[sender]_write_iv` from a traffic secret such as the
 * client_handshake_traffic_secret (RFC 8446 §7.3; Go key_schedule.go `cipherSuiteTLS13.trafficKey`).
 */
export function trafficKeys(suite: Tls13Suite, secret: Uint8Array): TrafficKeys {
  return {
    suite,
    key: hkdfExpandLabel(suite.hash, secret, 'key', new Uint8Array(0), suite.keyLength),
    iv: hkdfExpandLabel(suite.hash, secret, 'iv', new Uint8Array(0), IV_LENGTH),
  };
}

/**
 * HKDF-Expand-Label (RFC 8446 §7.1): HKDF-Expand with the info
 * `uint16 length || opaque label<7..255> = "tls13 " + Label || opaque context<0..255>`.
 * Node's `hkdfSync` always extracts first, so the expand step is written out (RFC 5869 §2.3).
 */
export function hkdfExpandLabel(
  hash: Tls13Suite['hash'],
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`, 'latin1');
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, fullLabel.length]),
    fullLabel,
    Buffer.from([context.length]),
    context,
  ]);
  return hkdfExpand(hash, secret, info, length);
}

/** RFC 5869 §2.3: T(i) = HMAC(PRK, T(i-1) | info | i), concatenated and cut to `length`. */
function hkdfExpand(hash: Tls13Suite['hash'], prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1, total = 0; total < length; i++) {
    previous = createHmac(hash, prk)
      .update(previous)
      .update(info)
      .update(Buffer.from([i]))
      .digest();
    blocks.push(previous);
    total += previous.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}
