import { insertMany } from '../db/insert-many.ts';
import type { Db } from '../db/open-database.ts';
import { accessRequestCertificates } from '../db/schema/access-requests.ts';
import { certificateRotations } from '../db/schema/certificate-rotations.ts';
import { certificateOrganisations, certificates } from '../db/schema/certificates.ts';
import { credentials } from '../db/schema/credentials.ts';
import type { providers } from '../db/schema/providers.ts';
import { testCertificateRow } from './fixtures.ts';

type CertificateInsert = typeof certificates.$inferInsert;

/**
 * Inserts certificate rows straight into the table (no Dashboard, no X.509): for listing and
 * search tests that need many rows or dates a real upload would refuse. Returns the rows as stored.
 */
export async function insertTestCertificates(
  db: Db,
  provider: Pick<typeof providers.$inferSelect, 'id' | 'orgId'>,
  overrides: readonly Partial<CertificateInsert>[],
) {
  const rows = overrides.map((o) => testCertificateRow(provider, o));
  await insertMany(db, certificates, rows);
  // Read back in chunks: one IN list of 100,000 ids is past PostgreSQL's 65,535 bind parameters.
  const stored: (typeof certificates.$inferSelect)[] = [];
  for (let at = 0; at < rows.length; at += READ_BACK_CHUNK) {
    const tykIds = rows.slice(at, at + READ_BACK_CHUNK).map((r) => r.tykId);
    stored.push(...(await db.query.certificates.findMany({ where: { tykId: { in: tykIds } } })));
  }
  return stored;
}

const READ_BACK_CHUNK = 10_000;

/** A live credential of `accessRequestId` whose approval provisioned `certificateId`. */
export async function insertTestCredential(db: Db, accessRequestId: string, certificateId: string) {
  await db.insert(accessRequestCertificates).values({ accessRequestId, certificateId });
  const [row] = await db
    .insert(credentials)
    .values({ accessRequestId, tokenCiphertext: 'v1:test-only' })
    .returning();
  return row!;
}

/** Associates certificates with organisations in as few statements as the rows allow (benchmarks, big listings). */
export async function insertTestCertificateOrganisations(
  db: Db,
  links: readonly { readonly certificateId: string; readonly organisationId: string }[],
): Promise<void> {
  await insertMany(db, certificateOrganisations, [...links]);
}

/** Finished rotations between stored certificates, inserted straight into the table (listing tests). */
export async function insertTestRotations(
  db: Db,
  pairs: readonly { readonly fromCertificateId: string; readonly toCertificateId: string }[],
): Promise<void> {
  await insertMany(
    db,
    certificateRotations,
    pairs.map((p) => ({ ...p, status: 'CANCELLED' as const })),
  );
}
