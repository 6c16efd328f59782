import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

/** ContentType of a record (RFC 8446 §5.1; the same numbers in TLS 1.2, RFC 5246 §6.2.1). */
export const CONTENT_TYPE = {
  changeCipherSpec: 20,
  alert: 21,
  handshake: 22,
  applicationData: 23,
} as const;

/** One record as it crossed the wire from the client. */
export interface TlsRecord {
  readonly type: number;
  /** type(1) legacy_record_version(2) length(2): in TLS 1.3 the AEAD's additional data (§5.2). */
  readonly header: Uint8Array;
  readonly fragment: Uint8Array;
}

const HEADER_LENGTH = 5;
/**
 * What one handshake may keep: a ClientHello, a Certificate message and the rest of the client's
 * flight. OpenSSL refuses certificate lists over 100 KiB (`SSL_CTX_set_max_cert_list`'s default)
 * and Go handshake messages over 64 KiB (crypto/tls conn.go `maxHandshake`), so this is never
 * reached by a handshake either would complete.
 */
export const RECORDING_LIMIT = 512 * 1024;

/**
 * A pass-through stream between a client's TCP socket and Node's TLS server that keeps the
 * records the client sends until `stopRecording()` (the handshake is over). It is handed to
 * `tls.Server` as a plain Duplex, not a `net.Socket`, so Node's TLS reads the bytes through it
 * (JSStreamSocket) instead of straight from the socket's handle. Each chunk is split into records
 * before it is passed on, so a record is kept before OpenSSL can act on it.
 */
export class TlsRecordTap extends Duplex {
  readonly records: TlsRecord[] = [];
  /** The client sent more than `RECORDING_LIMIT` bytes before the handshake ended. */
  overflowed = false;
  #pending: Buffer = Buffer.alloc(0);
  #kept = 0;
  #recording = true;

  constructor(
    readonly socket: Socket,
    private readonly onRecord: (record: TlsRecord) => void,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => {
      if (this.#recording) this.#split(chunk);
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  /** Drops what was kept; later bytes only pass through. */
  stopRecording(): void {
    this.#recording = false;
    this.#pending = Buffer.alloc(0);
    this.records.length = 0;
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.socket.write(chunk, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.socket.end(done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.stopRecording();
    this.socket.destroy();
    done(error);
  }

  #split(chunk: Buffer): void {
    this.#kept += chunk.length;
    if (this.#kept > RECORDING_LIMIT) {
      this.stopRecording();
      this.overflowed = true;
      return;
    }
    let pending = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    while (pending.length >= HEADER_LENGTH) {
      const end = HEADER_LENGTH + pending.readUInt16BE(3);
      if (pending.length < end) break;
      const record = {
        type: pending[0]!,
        header: pending.subarray(0, HEADER_LENGTH),
        fragment: pending.subarray(HEADER_LENGTH, end),
      };
      this.records.push(record);
      this.onRecord(record);
      pending = pending.subarray(end);
    }
    this.#pending = pending;
  }
}
