// Test-only helpers of core (`@repo/core/testing`): real certificates and real databases for tests.
export { makeCertificate, pemBundle, type TestCertificate, type TestCertificateOptions, type TestKeySpec } from './certificates.ts';
