import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database.ts';
import { accessRequests } from '../db/schema/access-requests.ts';
import { apps } from '../db/schema/apps.ts';
import type { certificates } from '../db/schema/certificates.ts';
import { organisations } from '../db/schema/organisations.ts';
import { plans } from '../db/schema/plans.ts';
import { productApis, products } from '../db/schema/products.ts';
import { providers } from '../db/schema/providers.ts';
import { users } from '../db/schema/users.ts';

type ProviderRow = typeof providers.$inferSelect;
type CertificateInsert = typeof certificates.$inferInsert;

/** Inserts a provider with placeholder connection details (nothing is ever called). */
export async function insertTestProvider(db: Db, overrides: Partial<typeof providers.$inferInsert> = {}) {
  const suffix = randomBytes(4).toString('hex');
  const [row] = await db
    .insert(providers)
    .values({
      name: `provider-${suffix}`,
      dashboardUrl: 'http://dashboard.invalid',
      orgId: `org${suffix}`,
      apiKeyCiphertext: 'v1:test-only',
      ...overrides,
    })
    .returning();
  return row!;
}

export async function insertTestOrganisation(
  db: Db,
  name = `organisation-${randomBytes(4).toString('hex')}`,
) {
  const [row] = await db.insert(organisations).values({ name }).returning();
  return row!;
}

/**
 * A fully described PORTAL certificate row with fresh random fingerprints (no real DER behind it):
 * enough for storage tests, which exercise the schema rather than X.509.
 */
export function testCertificateRow(
  provider: Pick<ProviderRow, 'id' | 'orgId'>,
  overrides: Partial<CertificateInsert> = {},
): CertificateInsert {
  const der = randomBytes(32);
  const sha256 = overrides.sha256 ?? createHash('sha256').update(der).digest('hex');
  const cn = overrides.subjectCn ?? `client-${sha256.slice(0, 8)}.example.com`;
  return {
    providerId: provider.id,
    tykId: `${provider.orgId}${sha256}`,
    source: 'PORTAL',
    sha256,
    sha1: createHash('sha1').update(der).digest('hex'),
    x5tS256: Buffer.from(sha256, 'hex').toString('base64url'),
    subjectDn: `CN=${cn},O=Test`,
    subjectCn: cn,
    issuerDn: 'CN=Test CA,O=Test',
    issuerCn: 'Test CA',
    serialNumber: der.subarray(0, 8).toString('hex'),
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
    isCa: false,
    subjectAltNames: [`dns:${cn}`],
    keyAlgorithm: 'EC-P-256',
    signatureAlgorithm: 'ecdsa-with-SHA256',
    registeredAt: new Date('2026-01-02T00:00:00Z'),
    ...overrides,
  };
}

/**
 * A consumer with an app, a MANAGED AUTH_TOKEN_MTLS product with one API, a plan and a pending
 * access request: the chain most referential tests need.
 */
export async function insertTestAccessChain(db: Db) {
  const provider = await insertTestProvider(db);
  const organisation = await insertTestOrganisation(db);
  const [consumer] = await db
    .insert(users)
    .values({ role: 'CONSUMER', organisationId: organisation.id, name: 'Dev', tokenHash: randomHex(32) })
    .returning();
  const [app] = await db
    .insert(apps)
    .values({ ownerId: consumer!.id, organisationId: organisation.id, name: 'mobile' })
    .returning();
  const [product] = await db
    .insert(products)
    .values({
      providerId: provider.id,
      name: 'payments',
      authType: 'AUTH_TOKEN_MTLS',
      certificateMode: 'MANAGED',
    })
    .returning();
  await db.insert(productApis).values({ productId: product!.id, apiId: 'api-1', apiKind: 'OAS' });
  const [plan] = await db
    .insert(plans)
    .values({ name: `gold-${randomHex(4)}`, rate: 100, per: 60 })
    .returning();
  const [accessRequest] = await db
    .insert(accessRequests)
    .values({ appId: app!.id, productId: product!.id, planId: plan!.id })
    .returning();
  return {
    provider,
    organisation,
    consumer: consumer!,
    app: app!,
    product: product!,
    plan: plan!,
    accessRequest: accessRequest!,
  };
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
