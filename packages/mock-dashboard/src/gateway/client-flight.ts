import { certificatesOf, type TlsVersion } from './certificate-message.ts';
import { HANDSHAKE_TYPE, HandshakeReassembler } from './handshake-messages.ts';
import { CONTENT_TYPE, type TlsRecord } from './tls-record-tap.ts';
import { TLS13_SUITES, trafficKeys } from './tls13-handshake-keys.ts';
import { openRecord } from './tls13-record-protection.ts';

/** What the server side of the handshake knows and the client's records need to be read. */
export interface NegotiatedHandshake {
  readonly version: TlsVersion;
  /** IANA name, from `TLSSocket.getCipher().standardName`; TLS 1.3 needs it to decrypt. */
  readonly cipherSuite: string;
  /** TLS 1.3: the client_handshake_traffic_secret, from the server's key log. */
  readonly clientHandshakeSecret?: Uint8Array;
}

/**
 * The certificates in the client's Certificate message, as sent and in order, read from the
 * records the client sent during a full handshake. Throws when the flight is incomplete or
 * cannot be decrypted.
 */
export function certificatesInClientFlight(
  records: readonly TlsRecord[],
  handshake: NegotiatedHandshake,
): Uint8Array[] {
  return handshake.version === 'TLSv1.3' ? fromTls13(records, handshake) : fromTls12(records);
}

/**
 * TLS 1.2: ClientHello, then Certificate, ClientKeyExchange and CertificateVerify in the clear,
 * then ChangeCipherSpec and an encrypted Finished (RFC 5246 §7.3, Figure 1). A client without a
 * certificate still sends an empty Certificate message (§7.4.6).
 */
function fromTls12(records: readonly TlsRecord[]): Uint8Array[] {
  const messages = new HandshakeReassembler();
  for (const record of records) {
    if (record.type === CONTENT_TYPE.changeCipherSpec) return [];
    if (record.type !== CONTENT_TYPE.handshake) continue;
    for (const message of messages.push(record.fragment)) {
      if (message.type === HANDSHAKE_TYPE.certificate) return certificatesOf(message.body, 'TLSv1.2');
    }
  }
  throw new Error("TLS 1.2: the client's flight ended before its ChangeCipherSpec");
}

/**
 * TLS 1.3: after the ClientHello (two of them after a HelloRetryRequest) the client switches to
 * its handshake traffic key and sends Certificate, CertificateVerify and Finished encrypted
 * (RFC 8446 §2, §4.4). Records of type application_data are those protected records, numbered
 * from 0 under that key (§5.3). A change_cipher_spec sent for middlebox compatibility is never
 * protected and never numbered (§5, §D.4). No early data can precede them: the gateway issues
 * no session tickets, so a client has no PSK to send 0-RTT data with (§4.2.10).
 */
function fromTls13(records: readonly TlsRecord[], handshake: NegotiatedHandshake): Uint8Array[] {
  const suite = TLS13_SUITES[handshake.cipherSuite];
  if (!suite) throw new Error(`TLS 1.3: no record protection known for ${handshake.cipherSuite}`);
  if (!handshake.clientHandshakeSecret) {
    throw new Error('TLS 1.3: the key log gave no client handshake traffic secret');
  }
  const keys = trafficKeys(suite, handshake.clientHandshakeSecret);
  const messages = new HandshakeReassembler();
  let sequence = 0;
  for (const record of records) {
    if (record.type !== CONTENT_TYPE.applicationData) continue;
    const opened = openRecord(keys, sequence++, record.header, record.fragment);
    if (opened.type !== CONTENT_TYPE.handshake) {
      throw new Error(`TLS 1.3: content type ${opened.type} before the client's Finished`);
    }
    for (const message of messages.push(opened.content)) {
      if (message.type === HANDSHAKE_TYPE.certificate) return certificatesOf(message.body, 'TLSv1.3');
      if (message.type === HANDSHAKE_TYPE.finished) return [];
    }
  }
  throw new Error("TLS 1.3: the client's flight ended before its Finished");
}
