// Certificate reads: the scrolling listing, one certificate's details, and its usage.
import { operation } from '../document.ts';
import {
  type CertificateDeletedFilter,
  type CertificateOrder,
  type CertificateSource,
  type CertificateStatus,
  FINGERPRINTS,
  type Fingerprints,
  type LintWarning,
  type Named,
  type PageInfo,
  USER_ERRORS,
  type UserError,
} from './types.ts';

export interface CertificateRow {
  readonly id: string;
  readonly name: string | null;
  readonly subjectCn: string | null;
  readonly status: CertificateStatus;
  readonly source: CertificateSource;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly deletedAt: string | null;
  readonly tykId: string;
  readonly provider: { readonly name: string } | null;
  readonly organisations: readonly Named[];
}

export interface CertificatesVariables extends Record<string, unknown> {
  first: number;
  after?: string | null;
  orderBy: CertificateOrder;
  filter: {
    search?: string;
    deleted?: CertificateDeletedFilter;
    organisation?: string;
    provider?: string;
  };
}

export const CertificatesQuery = operation<
  { certificates: { totalCount: number; pageInfo: PageInfo; nodes: CertificateRow[] } },
  CertificatesVariables
>(
  'Certificates',
  `query Certificates($first: Int!, $after: String, $orderBy: CertificateOrder, $filter: CertificateFilter) {
    certificates(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes {
        id name subjectCn status source notBefore notAfter deletedAt tykId
        provider { name }
        organisations { id name }
      }
    }
  }`,
);

export interface CertificateDetail extends CertificateRow {
  readonly __typename: 'Certificate';
  readonly subjectDn: string | null;
  readonly issuerDn: string | null;
  readonly issuerCn: string | null;
  readonly serialNumber: string | null;
  readonly keyAlgorithm: string | null;
  readonly signatureAlgorithm: string | null;
  readonly isCa: boolean;
  readonly hasPrivateKey: boolean;
  readonly extendedKeyUsage: readonly string[] | null;
  readonly subjectAltNames: readonly string[];
  readonly fingerprints: Fingerprints;
  readonly lintWarnings: readonly LintWarning[];
  readonly registeredAt: string | null;
  readonly lastSeenAt: string | null;
  readonly createdAt: string;
}

export const CertificateQuery = operation<
  { node: CertificateDetail | { __typename: string } | null },
  { id: string }
>(
  'Certificate',
  `query Certificate($id: ID!) {
    node(id: $id) {
      __typename
      ... on Certificate {
        id name subjectCn status source notBefore notAfter deletedAt tykId
        provider { name }
        organisations { id name }
        subjectDn issuerDn issuerCn serialNumber keyAlgorithm signatureAlgorithm isCa hasPrivateKey
        extendedKeyUsage subjectAltNames registeredAt lastSeenAt createdAt
        ${FINGERPRINTS}
        lintWarnings { block code message }
      }
    }
  }`,
);

export interface ApiUsage {
  readonly apiId: string;
  readonly name: string;
  readonly usageTypes: readonly string[];
}

export interface CredentialUsage {
  readonly appName: string;
  readonly productName: string;
  readonly boundToToken: boolean;
  readonly organisation: { readonly name: string } | null;
}

export interface CertificateUsage {
  readonly apisFrom: 'API_DEFINITIONS' | 'CERTIFICATE_APIS';
  readonly apis: readonly ApiUsage[];
  readonly credentials: readonly CredentialUsage[];
}

/** The usage, or why it cannot be told (NOT_FOUND, a DASHBOARD_* code). */
export interface CertificateUsagePayload {
  readonly usage: CertificateUsage | null;
  readonly userErrors: readonly UserError[];
}

/** Reads the provider's Dashboard: asked for separately, so the details show without it. */
export const CertificateUsageQuery = operation<{ certificateUsage: CertificateUsagePayload }, { id: string }>(
  'CertificateUsage',
  `query CertificateUsage($id: ID!) {
    certificateUsage(certificate: $id) {
      usage {
        apisFrom
        apis { apiId name usageTypes }
        credentials { appName productName boundToToken organisation { name } }
      }
      ${USER_ERRORS}
    }
  }`,
);

/** The PEM a certificate came with (null for certificates found by sync), for the raw view. */
export const CertificatePemQuery = operation<
  { node: { __typename: string; pem?: string | null } | null },
  { id: string }
>(
  'CertificatePem',
  'query CertificatePem($id: ID!) { node(id: $id) { __typename ... on Certificate { pem } } }',
);
