/**
 * A cursor over TLS presentation-language bytes (RFC 8446 §3): big-endian integers and vectors
 * prefixed by a 1-, 2- or 3-byte length (§3.4), like Go's `golang.org/x/crypto/cryptobyte`
 * used by crypto/tls. Every read checks bounds, so a short or lying length throws instead of
 * reading past the message.
 */
export class TlsByteReader {
  #offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get empty(): boolean {
    return this.#offset === this.bytes.length;
  }

  uint(width: 1 | 2 | 3): number {
    const raw = this.take(width);
    let value = 0;
    for (const byte of raw) value = value * 256 + byte;
    return value;
  }

  take(length: number): Uint8Array {
    if (this.#offset + length > this.bytes.length) {
      throw new Error(`TLS message truncated: ${length} byte(s) wanted at offset ${this.#offset}`);
    }
    const slice = this.bytes.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return slice;
  }

  /** `opaque x<floor..2^(8·width)-1>`: the length, then that many bytes. */
  vector(width: 1 | 2 | 3): Uint8Array {
    return this.take(this.uint(width));
  }

  /** A vector read as its own cursor, for lists of structures. */
  nested(width: 1 | 2 | 3): TlsByteReader {
    return new TlsByteReader(this.vector(width));
  }
}
