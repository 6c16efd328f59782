/** HandshakeType values the gateway reads (RFC 8446 §4; TLS 1.2 uses the same, RFC 5246 §7.4). */
export const HANDSHAKE_TYPE = {
  clientHello: 1,
  certificate: 11,
  finished: 20,
} as const;

export interface HandshakeMessage {
  readonly type: number;
  readonly body: Uint8Array;
}

const HEADER_LENGTH = 4;

/**
 * Handshake messages out of record fragments. A message is msg_type(1) length(uint24) body
 * (RFC 8446 §4); several may share one record and one may span several (§5.1), as Go's
 * `Conn.readHandshake` (crypto/tls conn.go) also allows. Messages never span a key change
 * (§5.1), so each protection level gets its own reassembler.
 */
export class HandshakeReassembler {
  #pending: Uint8Array = new Uint8Array(0);

  /** The messages completed by `fragment`, in order. */
  push(fragment: Uint8Array): HandshakeMessage[] {
    let pending = this.#pending.length > 0 ? concat(this.#pending, fragment) : fragment;
    const messages: HandshakeMessage[] = [];
    while (pending.length >= HEADER_LENGTH) {
      const length = (pending[1]! << 16) | (pending[2]! << 8) | pending[3]!;
      const end = HEADER_LENGTH + length;
      if (pending.length < end) break;
      messages.push({ type: pending[0]!, body: pending.subarray(HEADER_LENGTH, end) });
      pending = pending.subarray(end);
    }
    this.#pending = pending;
    return messages;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
