// Hand-written types of what the schema (packages/server/schema.graphql) returns, shared by the
// operation modules. The operations test validates the documents; these mirror their selections.

export type CertificateStatus = 'VALID' | 'EXPIRING_SOON' | 'EXPIRED' | 'NOT_YET_VALID' | 'PENDING_APPROVAL';
export type CertificateSource = 'DASHBOARD' | 'PORTAL';
export type CertificateOrder = 'EXPIRY' | 'NAME';
export type CertificateDeletedFilter = 'EXCLUDE' | 'INCLUDE' | 'ONLY';
export type SyncRunStatus = 'RUNNING' | 'SUCCEEDED' | 'HELD' | 'FAILED' | 'DISCARDED';
export type SyncPhase = 'FETCHING' | 'APPLYING' | 'DONE';
export type UserRole = 'ADMIN' | 'CONSUMER';

/** What every mutation payload carries (house style B6). */
export interface UserError {
  readonly __typename?: string;
  readonly code: string;
  readonly message: string;
  readonly path: readonly string[] | null;
}

/** Selected by every mutation: `userErrors { code message path }`. */
export const USER_ERRORS = 'userErrors { __typename code message path }';

export interface PageInfo {
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export interface Named {
  readonly id: string;
  readonly name: string;
}

export interface Fingerprints {
  readonly sha256: string;
  readonly sha256Colons: string;
  readonly sha1: string | null;
  readonly sha1Colons: string | null;
  readonly x5tS256: string;
}

export const FINGERPRINTS = 'fingerprints { sha256 sha256Colons sha1 sha1Colons x5tS256 }';

export interface LintWarning {
  readonly block: number;
  readonly code: string;
  readonly message: string;
}

export interface SyncCounts {
  readonly added: number;
  readonly restored: number;
  readonly softDeleted: number;
  readonly unchanged: number;
}

export type AccessRequestStatus = 'PENDING' | 'PROVISIONING' | 'APPROVED' | 'FAILED' | 'REJECTED' | 'REVOKED';
export type CertificateMode = 'MANAGED' | 'SELF_SERVE';
