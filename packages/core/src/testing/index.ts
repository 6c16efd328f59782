// Test-only helpers of core (`@repo/core/testing`): real certificates and real databases for tests.

export { abandonJob, dumpDatabase, provisioningWithoutJob } from './access-invariants.ts';
export {
  insertTestAccessRequests,
  onePendingPerAppAndProduct,
  type TestAccessRequest,
} from './access-request-fixtures.ts';
export {
  insertTestCertificateOrganisations,
  insertTestCertificates,
  insertTestCredential,
  insertTestRotations,
} from './certificate-fixtures.ts';
export {
  makeCertificate,
  pemBundle,
  type TestCertificate,
  type TestCertificateOptions,
  type TestKeySpec,
} from './certificates.ts';
export { type DescribeDatabasesOptions, describeDatabases, type TestDatabase } from './describe-databases.ts';
export {
  insertTestAccessChain,
  insertTestOrganisation,
  insertTestProvider,
  testCertificateRow,
} from './fixtures.ts';
export { pgRejection } from './pg-rejection.ts';
export { insertTestSyncRuns, type TestSyncRun } from './sync-run-fixtures.ts';
export {
  createScratchDatabase,
  deleteAllRows,
  type ScratchDatabase,
  type TestTarget,
  testTargets,
} from './test-databases.ts';
export { insertTestWebhookEvents } from './webhook-fixtures.ts';
