import { and, eq } from 'drizzle-orm';
import { validateUpload } from '../certificates/certificate-inspect.ts';
import { leafPem, parsedColumns } from '../certificates/certificate-record.ts';
import type { Db } from '../db/open-database.ts';
import { certificateOrganisations, certificates } from '../db/schema/certificates.ts';
import { atPath, NotFoundError } from '../errors.ts';
import { Err, Ok, type Result } from '../result.ts';
import { tykCertificateId } from '../x509/fingerprints.ts';
import { lintChain } from '../x509/lint.ts';
import type { X509Error } from '../x509/x509.errors.ts';
import { CertificateOfAnotherOrganisationError } from './access-request.errors.ts';

export type SelfServeCertificate = { pem: string; name?: string | undefined } | { certificateId: string };

/**
 * The certificate a Self-Serve request names: an existing one of the organisation, or a new PEM,
 * validated like an upload and kept (PEM included) as a pending portal row until approval
 * registers it with the Dashboard. Nothing reaches the Dashboard before an admin approves.
 */
export async function resolveSelfServeCertificate(
  tx: Db,
  input: SelfServeCertificate,
  scope: { providerId: string; providerOrgId: string; organisationId: string; now: Date },
): Promise<Result<string, X509Error | NotFoundError | CertificateOfAnotherOrganisationError>> {
  if ('certificateId' in input) return existingOfOrganisation(tx, input.certificateId, scope);
  const chain = validateUpload(input.pem, scope.now);
  if (!chain.ok) return Err(atPath(chain.error, ['certificate', 'pem']));
  const columns = parsedColumns(chain.value, lintChain(chain.value));
  const tykId = tykCertificateId(scope.providerOrgId, columns.sha256);
  const [existing] = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.providerId, scope.providerId), eq(certificates.tykId, tykId)));
  if (existing) {
    const owners = await tx
      .select()
      .from(certificateOrganisations)
      .where(eq(certificateOrganisations.certificateId, existing.id));
    if (owners.length > 0 && !owners.some((o) => o.organisationId === scope.organisationId)) {
      return Err(
        new CertificateOfAnotherOrganisationError('This certificate belongs to another organisation.', {
          path: ['certificate', 'pem'],
        }),
      );
    }
    await link(tx, existing.id, scope.organisationId);
    return Ok(existing.id);
  }
  const [row] = await tx
    .insert(certificates)
    .values({
      ...columns,
      providerId: scope.providerId,
      tykId,
      source: 'PORTAL',
      name: input.name ?? null,
      pem: leafPem(chain.value.leaf),
    })
    .returning({ id: certificates.id });
  await link(tx, row!.id, scope.organisationId);
  return Ok(row!.id);
}

async function existingOfOrganisation(
  tx: Db,
  certificateId: string,
  scope: { providerId: string; organisationId: string },
) {
  const [row] = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .innerJoin(certificateOrganisations, eq(certificateOrganisations.certificateId, certificates.id))
    .where(
      and(
        eq(certificates.id, certificateId),
        eq(certificates.providerId, scope.providerId),
        eq(certificateOrganisations.organisationId, scope.organisationId),
      ),
    );
  return row
    ? Ok(row.id)
    : Err(new NotFoundError('certificate', certificateId, ['certificate', 'certificateId']));
}

async function link(tx: Db, certificateId: string, organisationId: string) {
  await tx.insert(certificateOrganisations).values({ certificateId, organisationId }).onConflictDoNothing();
}
