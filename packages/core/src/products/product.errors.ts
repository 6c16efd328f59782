import { DomainError } from '../errors.ts';

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const PRODUCT_ERROR_CODES = {
  PRODUCT_AUTH_TYPE_MIXED: "The product's APIs do not share one auth type.",
  PRODUCT_OPTION_NOT_APPLICABLE: 'Certificate mode or binding on a product that is not Auth Token + mTLS.',
  PRODUCT_NAME_TAKEN: 'Another product has this name.',
  PRODUCT_API_NOT_FOUND: "An API id the provider's Dashboard does not know.",
} as const;

/** The product's APIs do not share one auth type. */
export class ProductAuthTypeMixedError extends DomainError {
  readonly code = 'PRODUCT_AUTH_TYPE_MIXED' as const;
}

/** Certificate mode or binding asked for on a product that is not Auth Token + mTLS. */
export class ProductOptionNotApplicableError extends DomainError {
  readonly code = 'PRODUCT_OPTION_NOT_APPLICABLE' as const;
}

export class ProductNameTakenError extends DomainError {
  readonly code = 'PRODUCT_NAME_TAKEN' as const;
}

/** An API id the provider's Dashboard does not know. */
export class ProductApiNotFoundError extends DomainError {
  readonly code = 'PRODUCT_API_NOT_FOUND' as const;
}
