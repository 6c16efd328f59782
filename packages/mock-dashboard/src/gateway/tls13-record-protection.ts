import { createDecipheriv } from 'node:crypto';
import type { TrafficKeys } from './tls13-handshake-keys.ts';

/** The real content of a protected record: its inner ContentType and the content before the padding. */
export interface OpenedRecord {
  readonly type: number;
  readonly content: Buffer;
}

const TAG_LENGTH = 16;

/**
 * Decrypts one TLSCiphertext record (RFC 8446 §5.2): the AEAD's additional data is the record
 * header, the nonce is the IV XOR the record's sequence number under this key, left-padded to 12
 * bytes (§5.3). The plaintext is TLSInnerPlaintext: content, the real ContentType, then zero
 * padding, so the type is the last non-zero byte. Go: crypto/tls conn.go `halfConn.decrypt`.
 * Throws when the tag does not verify.
 */
export function openRecord(
  keys: TrafficKeys,
  sequence: number,
  header: Uint8Array,
  encrypted: Uint8Array,
): OpenedRecord {
  if (encrypted.length < TAG_LENGTH) throw new Error('TLS 1.3 record shorter than its AEAD tag');
  const sealed = encrypted.subarray(0, encrypted.length - TAG_LENGTH);
  const tag = encrypted.subarray(encrypted.length - TAG_LENGTH);
  const nonce = Buffer.alloc(keys.iv.length);
  nonce.writeBigUInt64BE(BigInt(sequence), nonce.length - 8);
  for (let i = 0; i < nonce.length; i++) nonce[i] = nonce[i]! ^ keys.iv[i]!;
  const decipher =
    keys.suite.aead === 'chacha20-poly1305'
      ? createDecipheriv(keys.suite.aead, keys.key, nonce, { authTagLength: TAG_LENGTH })
      : createDecipheriv(keys.suite.aead, keys.key, nonce);
  decipher.setAAD(header, { plaintextLength: sealed.length });
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (end < 0) throw new Error('TLS 1.3 record without a content type');
  return { type: plain[end]!, content: plain.subarray(0, end) };
}
