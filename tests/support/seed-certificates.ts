import { makeCertificate, type TestCertificate } from '@repo/core/testing';
import type { CoreHarness } from './core-harness.ts';
import { ORG_ID } from './core-harness.ts';

/** Makes `count` real certificates and puts them in the mock Dashboard's store. */
export async function seedDashboardCertificates(
  h: CoreHarness,
  count: number,
  prefix = 'synced',
): Promise<TestCertificate[]> {
  const certs = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      makeCertificate({ name: `CN=${prefix} ${i}`, san: { dns: [`${prefix}-${i}.test`] } }),
    ),
  );
  await h.control('POST', '/_mock/seed', { certificates: certs.map((c) => ({ orgId: ORG_ID, pem: c.pem })) });
  return certs;
}
