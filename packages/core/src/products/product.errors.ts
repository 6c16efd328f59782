import { DomainError } from '../errors.ts';

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
