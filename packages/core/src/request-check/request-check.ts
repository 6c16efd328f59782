import { z } from 'zod';

/** The Gateway's checks, in its middleware chain's order (`gateway/api_loader.go` `Gateway.processSpec`). */
export const REQUEST_CHECKS = [
  /** `CertificateCheckMW`: a client certificate was presented. */
  'TLS_CLIENT_CERTIFICATE',
  /** `CertificateCheckMW`: exact SHA-256 match or signed by an allow-listed CA, not expired. */
  'ALLOW_LIST',
  /** `AuthKey` / `JWTMiddleware`: the Authorization header is there. */
  'TOKEN_PRESENT',
  /** `AuthKey`: the token names a key. */
  'TOKEN_KNOWN',
  /** `JWTMiddleware`: signature, signing method, time claims and identity of a JWT. */
  'JWT_VALID',
  /** `AuthKey`: Certificate-Token Binding (`AuthKey.validateCertificateBinding`). */
  'CERTIFICATE_BINDING',
  /** `KeyExpired`: `is_inactive`. */
  'KEY_ACTIVE',
  /** `KeyExpired`: `expires`. */
  'KEY_NOT_EXPIRED',
  /** `AccessRightsCheck`. */
  'ACCESS_RIGHTS',
  /** `RateLimitAndQuotaCheck`: the key's quota has a request left in this period. */
  'QUOTA',
] as const;
export type RequestCheckName = (typeof REQUEST_CHECKS)[number];

/**
 * PASS / FAIL: the Gateway runs the check, with this result. SKIPPED: the Gateway never gets
 * there (an earlier check failed), or the explainer cannot decide it (listed in `unverified`).
 * NOT_APPLICABLE: the Gateway does not run this check for this API or key.
 */
export type RequestCheckOutcome = 'PASS' | 'FAIL' | 'SKIPPED' | 'NOT_APPLICABLE';

/** What the Gateway answers when a check fails: the status and the `{"error": message}` body. */
export interface GatewayRefusal {
  readonly status: number;
  readonly body: { readonly error: string };
}

export interface RequestCheckStep {
  readonly check: RequestCheckName;
  readonly outcome: RequestCheckOutcome;
  readonly detail: string;
  /** FAIL only: the Gateway's answer. */
  readonly refusal?: GatewayRefusal;
  /**
   * SKIPPED after the first failure only: the check's own result, so a caller sees what would
   * fail next once the first failure is fixed. Absent when the check could not be evaluated.
   */
  readonly ifReached?: 'PASS' | 'FAIL';
}

/**
 * ALLOW_LIST passes only because a certificate after the leaf is allow-listed, exactly or by a
 * listed CA. Tyk's `ValidateRequestCerts` checks every certificate the client presents, but the
 * handshake proves possession of the leaf's key only: anyone can send a copy of someone else's
 * listed certificate after their own leaf.
 */
export interface AdmittedByNonLeafWarning {
  readonly code: 'ADMITTED_BY_NON_LEAF_CERTIFICATE';
  readonly check: 'ALLOW_LIST';
  readonly message: string;
  /** 1-based position in the presented list of the certificate that admitted the request (≥ 2). */
  readonly position: number;
  readonly sha256: string;
  readonly match: 'EXACT' | 'CA_SIGNED';
  /** The allow-list row that admitted it. */
  readonly entryId: string;
}

/** Something the Gateway allows that an admin should know; it never changes the verdict. */
export type RequestCheckWarning = AdmittedByNonLeafWarning;
export type RequestCheckWarningCode = RequestCheckWarning['code'];

/** The API as the explainer read it from the Dashboard. */
export interface CheckedApi {
  readonly apiId: string;
  readonly name: string;
  readonly orgId: string;
  readonly definition: 'CLASSIC' | 'OAS';
  readonly auth: 'AUTH_TOKEN' | 'JWT' | 'KEYLESS';
  /** `use_mutual_tls_auth` / OAS `clientCertificates.enabled`. */
  readonly staticMutualTls: boolean;
  /** Rows of the allow list as written in the definition. */
  readonly allowListEntries: number;
}

/** The presented leaf. */
export interface CheckedCertificate {
  readonly sha256: string;
  /** The API's org id + `sha256`: what a binding must contain. */
  readonly tykId: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Certificates in the presented chain, the leaf included. */
  readonly chainLength: number;
}

export interface RequestCheckReport {
  readonly providerId: string;
  readonly api: CheckedApi;
  readonly certificate: CheckedCertificate;
  readonly checkedAt: Date;
  /** Every check, in the Gateway's order. */
  readonly checks: readonly RequestCheckStep[];
  /**
   * The first FAIL and the Gateway's answer to it. Certain only when no check before it is in
   * `unverified`; otherwise that earlier check may answer first.
   */
  readonly firstFailure: (GatewayRefusal & { readonly check: RequestCheckName }) | null;
  /** Checks the explainer could not decide (e.g. a CA entry whose certificate the portal lacks). */
  readonly unverified: readonly RequestCheckName[];
  /** No check fails and none is undecided: the Gateway answers the request with 200. */
  readonly wouldPass: boolean;
  /** What passes but should not be relied on, e.g. `ADMITTED_BY_NON_LEAF_CERTIFICATE`. */
  readonly warnings: readonly RequestCheckWarning[];
}

export const requestCheckInput = z.object({
  providerId: z.string().min(1, 'is required'),
  /** The API's `api_id` (or the Dashboard's internal id). */
  apiId: z.string().trim().min(1, 'is required'),
  /** The chain the client presents, leaf first. */
  pem: z.string(),
  /** What the client sends in the Authorization header: a key id (Auth Token) or a JWT. */
  token: z.string().optional(),
});
export type RequestCheckInput = z.input<typeof requestCheckInput>;
