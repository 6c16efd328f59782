import type { ProductAuthType } from '../db/schema/products.ts';

export const CREDENTIAL_SOURCES = ['PORTAL_KEY', 'CONSUMER_JWT', 'NONE'] as const;
/** Where the token a consumer sends with its certificate comes from. */
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

/**
 * Auth Token products: approval issues a Tyk key, which the portal holds for the consumer. JWT
 * products: the portal issues nothing; the consumer signs in with the identity provider the API
 * trusts and sends that JWT (Tyk validates it against the API's JWT source). OTHER: neither.
 */
export function credentialSource(authType: ProductAuthType): CredentialSource {
  switch (authType) {
    case 'AUTH_TOKEN_MTLS':
    case 'AUTH_TOKEN':
      return 'PORTAL_KEY';
    case 'JWT_MTLS':
    case 'JWT':
      return 'CONSUMER_JWT';
    default:
      return 'NONE';
  }
}
