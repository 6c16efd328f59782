// Public entry of @repo/core. Storage: open the database, coordinate replicas, map database errors.
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
export { createIdGenerator, ID_PREFIXES, type IdPrefix, idTime, type NewId, newId } from './ids.ts';
