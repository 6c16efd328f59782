import { DomainError } from '../errors.ts';

/** Every reason the X.509 module refuses an input. Each has its own code so callers can react precisely. */
export const X509_ERROR_CODES = {
  PEM_EMPTY: 'No PEM was given.',
  PEM_TOO_LARGE: 'The PEM is larger than the portal accepts.',
  PEM_NO_CERTIFICATE: 'The PEM holds no certificate.',
  PEM_PRIVATE_KEY: 'The PEM holds a private key, which the portal never takes.',
  PEM_CSR: 'The PEM is a certificate signing request, not a certificate.',
  PEM_PUBLIC_KEY: 'The PEM is a bare public key, not a certificate.',
  PEM_UNSUPPORTED_BLOCK: 'The PEM has a block of a kind the portal does not read.',
  PEM_MALFORMED: 'The PEM cannot be read as PEM.',
  PEM_TRAILING_DATA: 'The PEM has data after its last block.',
  PEM_TOO_MANY_CERTIFICATES: 'The PEM holds more certificates than a chain may.',
  CERTIFICATE_MALFORMED: 'The certificate cannot be parsed as X.509.',
  CERTIFICATE_EXPIRED: 'The certificate has expired.',
  FINGERPRINT_INVALID: 'The fingerprint is not a SHA-256 fingerprint.',
} as const;
export type X509ErrorCode = keyof typeof X509_ERROR_CODES;

/**
 * A refused PEM or certificate. The message names the problem and, where useful, the block
 * number; it never echoes the input, so key material cannot leak into logs or API answers.
 */
export class X509Error extends DomainError {
  readonly code: X509ErrorCode;

  constructor(code: X509ErrorCode, message: string, context: Record<string, unknown> = {}) {
    super(message, { context });
    this.code = code;
  }
}
