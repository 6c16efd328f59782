import { DomainError } from '../errors.ts';

/** Every reason the X.509 module refuses an input. Each has its own code so callers can react precisely. */
export type X509ErrorCode =
  | 'PEM_EMPTY'
  | 'PEM_TOO_LARGE'
  | 'PEM_NO_CERTIFICATE'
  | 'PEM_PRIVATE_KEY'
  | 'PEM_CSR'
  | 'PEM_PUBLIC_KEY'
  | 'PEM_UNSUPPORTED_BLOCK'
  | 'PEM_MALFORMED'
  | 'PEM_TRAILING_DATA'
  | 'PEM_TOO_MANY_CERTIFICATES'
  | 'CERTIFICATE_MALFORMED'
  | 'CERTIFICATE_EXPIRED'
  | 'FINGERPRINT_INVALID';

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
