// Certificate changes, and the inspection an upload starts with. Each selects `userErrors`.
import { operation } from '../document.ts';
import type { CertificateRow } from './certificates.ts';
import {
  type CertificateStatus,
  FINGERPRINTS,
  type Fingerprints,
  type LintWarning,
  USER_ERRORS,
  type UserError,
} from './types.ts';

export interface Inspection {
  readonly subjectDn: string;
  readonly subjectCn: string | null;
  readonly issuerDn: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly status: CertificateStatus;
  readonly keyAlgorithm: string;
  readonly signatureAlgorithm: string;
  readonly isCa: boolean;
  readonly subjectAltNames: readonly string[];
  readonly tykId: string | null;
  readonly fingerprints: Fingerprints;
  readonly lintWarnings: readonly LintWarning[];
  readonly uploadRefusal: UserError | null;
}

export const CertificateInspectQuery = operation<
  { certificateInspect: { inspection: Inspection | null; userErrors: UserError[] } },
  { pem: string; provider: string | null }
>(
  'CertificateInspect',
  `query CertificateInspect($pem: String!, $provider: ID) {
    certificateInspect(input: { pem: $pem, provider: $provider }) {
      inspection {
        subjectDn subjectCn issuerDn serialNumber notBefore notAfter status keyAlgorithm
        signatureAlgorithm isCa subjectAltNames tykId
        ${FINGERPRINTS}
        lintWarnings { block code message }
        uploadRefusal { code message path }
      }
      ${USER_ERRORS}
    }
  }`,
);

type CertificatePayload = { certificate: CertificateRow | null; userErrors: UserError[] };
const ROW =
  'certificate { id name subjectCn status source notBefore notAfter deletedAt tykId provider { name } organisations { id name } }';

export const CertificateUploadMutation = operation<
  { certificateUpload: CertificatePayload & { outcome: string | null; alreadyInDashboard: boolean | null } },
  { pem: string; provider: string; name: string | null; organisations: string[] }
>(
  'CertificateUpload',
  `mutation CertificateUpload($pem: String!, $provider: ID!, $name: String, $organisations: [ID!]) {
    certificateUpload(input: { pem: $pem, provider: $provider, name: $name, organisations: $organisations }) {
      outcome alreadyInDashboard
      ${ROW}
      ${USER_ERRORS}
    }
  }`,
);

export const CertificateRenameMutation = operation<
  { certificateRename: CertificatePayload },
  { certificate: string; name: string | null }
>(
  'CertificateRename',
  `mutation CertificateRename($certificate: ID!, $name: String) {
    certificateRename(input: { certificate: $certificate, name: $name }) { ${ROW} ${USER_ERRORS} }
  }`,
);

export const CertificateSetOrganisationsMutation = operation<
  { certificateSetOrganisations: CertificatePayload },
  { certificate: string; organisations: string[] }
>(
  'CertificateSetOrganisations',
  `mutation CertificateSetOrganisations($certificate: ID!, $organisations: [ID!]!) {
    certificateSetOrganisations(input: { certificate: $certificate, organisations: $organisations }) {
      ${ROW}
      ${USER_ERRORS}
    }
  }`,
);

/** A refusal because APIs or credentials use the certificate: what would break. */
export interface InUseError extends UserError {
  readonly apis?: readonly { name: string }[];
  readonly credentials?: readonly { appName: string; productName: string }[];
}

export const CertificateDeleteMutation = operation<
  { certificateDelete: { certificate: { id: string } | null; userErrors: InUseError[] } },
  { certificate: string; force: boolean }
>(
  'CertificateDelete',
  `mutation CertificateDelete($certificate: ID!, $force: Boolean) {
    certificateDelete(input: { certificate: $certificate, force: $force }) {
      certificate { id }
      userErrors {
        __typename code message path
        ... on CertificateInUseError { apis { name } credentials { appName productName } }
      }
    }
  }`,
);
