// Certificate reads: the scrolling listing, one certificate's details, and its usage.
// The documents live in certificates.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  CertificateDocument as CertificateQuery,
  CertificatePemDocument as CertificatePemQuery,
  CertificatesDocument as CertificatesQuery,
  CertificateUsageDocument as CertificateUsageQuery,
} from '../generated.ts';

export type CertificateRow = G.CertificatesQuery['certificates']['nodes'][number];
export type CertificatesVariables = G.CertificatesQueryVariables;
export type CertificateDetail = Extract<
  NonNullable<G.CertificateQuery['node']>,
  { __typename: 'Certificate' }
>;
export type CertificateUsagePayload = G.CertificateUsageQuery['certificateUsage'];
export type CertificateUsage = NonNullable<CertificateUsagePayload['usage']>;
export type ApiUsage = CertificateUsage['apis'][number];
export type CredentialUsage = CertificateUsage['credentials'][number];
