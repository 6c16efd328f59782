// The request-check explainer: would the Gateway let this request through, check by check?
import { operation } from '../document.ts';
import { USER_ERRORS, type UserError } from './types.ts';

export type CheckOutcome = 'PASS' | 'FAIL' | 'SKIPPED' | 'NOT_APPLICABLE';

export interface RequestCheckReport {
  readonly wouldPass: boolean;
  readonly checkedAt: string;
  readonly unverified: readonly string[];
  readonly api: {
    readonly apiId: string;
    readonly name: string;
    readonly auth: string;
    readonly definition: string;
    readonly staticMutualTls: boolean;
    readonly allowListEntries: number;
  };
  readonly certificate: {
    readonly subject: string;
    readonly issuer: string;
    readonly sha256: string;
    readonly tykId: string;
    readonly notAfter: string;
    readonly chainLength: number;
  };
  readonly checks: readonly {
    readonly check: string;
    readonly outcome: CheckOutcome;
    readonly detail: string;
    readonly ifReached: CheckOutcome | null;
    readonly status: number | null;
    readonly message: string | null;
  }[];
  readonly firstFailure: { readonly check: string; readonly status: number; readonly message: string } | null;
  /** What passes but should not be relied on, e.g. ADMITTED_BY_NON_LEAF_CERTIFICATE. */
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

/** What both checks read of a report (one API's decision), so the two views draw it alike. */
const REPORT_FIELDS = `wouldPass checkedAt unverified
  api { apiId name auth definition staticMutualTls allowListEntries }
  certificate { subject issuer sha256 tykId notAfter chainLength }
  checks { check outcome detail ifReached status message }
  firstFailure { check status message }
  warnings { code message }`;

export const RequestCheckQuery = operation<
  { requestCheck: { report: RequestCheckReport | null; userErrors: UserError[] } },
  { provider: string; apiId: string; pem: string; token: string | null }
>(
  'RequestCheck',
  `query RequestCheck($provider: ID!, $apiId: String!, $pem: String!, $token: String) {
    requestCheck(input: { provider: $provider, apiId: $apiId, pem: $pem, token: $token }) {
      report {
        ${REPORT_FIELDS}
      }
      ${USER_ERRORS}
    }
  }`,
);

/** One API of the request's product: null report when the Dashboard no longer has the API. */
export interface AccessRequestApiCheck {
  readonly api: { readonly apiId: string; readonly name: string | null };
  readonly report: RequestCheckReport | null;
}

export interface AccessRequestCheck {
  readonly credential: 'SENT' | 'NONE';
  readonly wouldPass: boolean;
  readonly apis: readonly AccessRequestApiCheck[];
}

/** The same checks for an access request: its product's APIs, its own credential (never shown). */
export const AccessRequestCheckQuery = operation<
  { accessRequestCheck: { check: AccessRequestCheck | null; userErrors: UserError[] } },
  { accessRequest: string; pem: string }
>(
  'AccessRequestCheck',
  `query AccessRequestCheck($accessRequest: ID!, $pem: String!) {
    accessRequestCheck(input: { accessRequest: $accessRequest, pem: $pem }) {
      check {
        credential wouldPass
        apis {
          api { apiId name }
          report {
            ${REPORT_FIELDS}
          }
        }
      }
      ${USER_ERRORS}
    }
  }`,
);
