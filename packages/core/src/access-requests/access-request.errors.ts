import { DomainError } from '../errors.ts';

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const ACCESS_REQUEST_ERROR_CODES = {
  ACCESS_REQUEST_STATE: 'The request is not in a state that allows the action.',
  ACCESS_REQUEST_CERTIFICATE_REQUIRED: 'A Self-Serve product needs a certificate in the request.',
  ACCESS_REQUEST_CERTIFICATE_NOT_ACCEPTED:
    "A Managed product takes no certificate: the organisation's are used.",
  ACCESS_REQUEST_NO_CERTIFICATES: "The organisation has no usable certificate on the product's provider.",
  ACCESS_REQUEST_CERTIFICATE_NOT_YOURS: 'The certificate is one the organisation does not own.',
  ACCESS_REQUEST_CERTIFICATE_IS_CA: 'A CA certificate cannot be a Self-Serve certificate.',
  ACCESS_REQUEST_DUPLICATE_PENDING: 'The app already has a pending request for the product.',
} as const;

/** The request is not in a state that allows the action (e.g. approving an approved one). */
export class AccessRequestStateError extends DomainError {
  readonly code = 'ACCESS_REQUEST_STATE' as const;

  constructor(action: string, status: string) {
    super(`Cannot ${action} an access request that is ${status}.`, { context: { action, status } });
  }
}

/** Self-Serve product without a certificate in the request. */
export class CertificateRequiredError extends DomainError {
  readonly code = 'ACCESS_REQUEST_CERTIFICATE_REQUIRED' as const;
}

/** A certificate given for a Managed (or non-mTLS) product: the organisation's certificates are used. */
export class CertificateNotAcceptedError extends DomainError {
  readonly code = 'ACCESS_REQUEST_CERTIFICATE_NOT_ACCEPTED' as const;
}

/** Managed approval while the organisation has no usable certificate on the product's provider. */
export class NoOrganisationCertificatesError extends DomainError {
  readonly code = 'ACCESS_REQUEST_NO_CERTIFICATES' as const;
}

/**
 * The PEM of a Self-Serve request is a certificate the portal already holds and the organisation
 * does not own. The message says nothing of who does (or whether anyone does).
 */
export class CertificateOfAnotherOrganisationError extends DomainError {
  readonly code = 'ACCESS_REQUEST_CERTIFICATE_NOT_YOURS' as const;
}

/**
 * A CA certificate offered as a Self-Serve certificate: on an allow list it would admit every leaf
 * it signed (Tyk's `ValidateRequestCerts` accepts certificates signed by an allow-listed CA).
 */
export class CertificateIsCaError extends DomainError {
  readonly code = 'ACCESS_REQUEST_CERTIFICATE_IS_CA' as const;
}

/**
 * A second PENDING request for the same app and product: the admin would decide the same thing
 * twice. The database's unique index refuses it, so two submissions that race cannot both land.
 */
export class DuplicatePendingRequestError extends DomainError {
  readonly code = 'ACCESS_REQUEST_DUPLICATE_PENDING' as const;

  constructor() {
    super('The app already has a pending access request for this product; wait for its decision.', {
      path: ['productId'],
    });
  }
}
