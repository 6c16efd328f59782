// Public entry of @repo/core. Storage: open the database, coordinate replicas, map database errors.

// Services.
export { type Actor, actorLabel, systemActor } from './actor.ts';
export { type Core, createCore } from './core.ts';
export { DashboardError, type DashboardErrorCode } from './dashboard/dashboard.errors.ts';
export { DashboardClient } from './dashboard/dashboard-client.ts';
export { type AdvisoryLockResult, advisoryLockId, withAdvisoryLock } from './db/advisory-lock.ts';
export { insertMany, MAX_BIND_PARAMETERS, maxRowsPerInsert } from './db/insert-many.ts';
export {
  type Database,
  type Db,
  type Dialect,
  migrationsFolder,
  type OpenDatabaseOptions,
  openDatabase,
  type Tx,
} from './db/open-database.ts';
export {
  isReferenceViolation,
  isUniqueViolation,
  PG_ERROR,
  type PgErrorInfo,
  pgErrorOf,
} from './db/pg-error.ts';
export type { AccessRequestStatus, ProvisioningStep } from './db/schema/access-requests.ts';
export type { CertificateSource } from './db/schema/certificates.ts';
export type { JobStatus } from './db/schema/jobs.ts';
export type { ApiKind, CertificateMode, ProductAuthType } from './db/schema/products.ts';
export type { SyncRunStatus, SyncTrigger } from './db/schema/sync-runs.ts';
export type { UserRole } from './db/schema/users.ts';
export type { CoreDeps } from './deps.ts';
export { DomainError, ForbiddenError, InvalidInputError, NotFoundError } from './errors.ts';
export { createIdGenerator, ID_PREFIXES, type IdPrefix, idTime, type NewId, newId } from './ids.ts';
export { ProviderInUseError, ProviderNameTakenError } from './providers/provider.errors.ts';
export type { ConnectionCheck, ProviderService } from './providers/provider.service.ts';
export type { Provider, ProviderInput, ProviderPatch } from './providers/provider.ts';
export { Err, Ok, type Result } from './result.ts';
export { SecretBox, SecretKeyError } from './secrets/secret-box.ts';
export { SyncAlreadyRunningError, SyncHeldError, SyncNotHeldError } from './sync/sync.errors.ts';
export type { SyncRun, SyncService } from './sync/sync.service.ts';
export type { SyncProgress } from './sync/sync-events.ts';
export { DEFAULT_HOLD_POLICY, type HoldPolicy } from './sync/sync-plan.ts';
