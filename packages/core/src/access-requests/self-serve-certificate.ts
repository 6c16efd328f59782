import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { validateUpload } from '../certificates/certificate-inspect.ts';
import { leafPem, parsedColumns } from '../certificates/certificate-record.ts';
import type { Db } from '../db/open-database.ts';
import { accessRequests } from '../db/schema/access-requests.ts';
import { apps } from '../db/schema/apps.ts';
import { certificateOrganisations, certificates } from '../db/schema/certificates.ts';
import { atPath, NotFoundError } from '../errors.ts';
import { Err, Ok, type Result } from '../result.ts';
import { tykCertificateId } from '../x509/fingerprints.ts';
import { lintChain } from '../x509/lint.ts';
import type { X509Error } from '../x509/x509.errors.ts';
import { CertificateIsCaError, CertificateOfAnotherOrganisationError } from './access-request.errors.ts';
import type { AccessRequest } from './access-request.ts';

export type SelfServeCertificate = { pem: string; name?: string | undefined } | { certificateId: string };

type ResolveError = X509Error | NotFoundError | CertificateOfAnotherOrganisationError | CertificateIsCaError;

const NOT_YOURS =
  'This certificate is already known to the portal and is not one of your organisation’s; ' +
  'submit a certificate you own.';

/**
 * The certificate a Self-Serve request names: one already associated with the organisation, or a
 * new PEM, validated like an upload and kept (PEM included) as a pending portal row until approval
 * registers it with the Dashboard. Nothing is linked to the organisation here: a consumer cannot
 * claim a certificate by asking, only an approval links it (`linkSelfServeCertificate`). A stored
 * certificate the organisation does not own is refused with one code whoever owns it, and a CA is
 * refused outright.
 */
export async function resolveSelfServeCertificate(
  tx: Db,
  input: SelfServeCertificate,
  scope: { providerId: string; providerOrgId: string; organisationId: string; now: Date },
): Promise<Result<string, ResolveError>> {
  if ('certificateId' in input) return existingOfOrganisation(tx, input.certificateId, scope);
  const chain = validateUpload(input.pem, scope.now);
  if (!chain.ok) return Err(atPath(chain.error, ['certificate', 'pem']));
  const columns = parsedColumns(chain.value, lintChain(chain.value));
  if (columns.isCa) return Err(caRefused(['certificate', 'pem']));
  const tykId = tykCertificateId(scope.providerOrgId, columns.sha256);
  const [existing] = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.providerId, scope.providerId), eq(certificates.tykId, tykId)));
  if (existing) {
    if (await ownedOrRequested(tx, existing.id, scope.organisationId)) return Ok(existing.id);
    return Err(new CertificateOfAnotherOrganisationError(NOT_YOURS, { path: ['certificate', 'pem'] }));
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
  return Ok(row!.id);
}

/**
 * The organisation owns the certificate, or it is the pending PEM of one of the organisation's own
 * earlier requests (not linked to anyone until approved).
 */
async function ownedOrRequested(tx: Db, certificateId: string, organisationId: string): Promise<boolean> {
  const [owned] = await tx
    .select({ id: certificateOrganisations.certificateId })
    .from(certificateOrganisations)
    .where(
      and(
        eq(certificateOrganisations.certificateId, certificateId),
        eq(certificateOrganisations.organisationId, organisationId),
      ),
    );
  if (owned) return true;
  const [anyOwner] = await tx
    .select({ id: certificateOrganisations.certificateId })
    .from(certificateOrganisations)
    .where(eq(certificateOrganisations.certificateId, certificateId))
    .limit(1);
  if (anyOwner) return false;
  const [pending] = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .innerJoin(accessRequests, eq(accessRequests.certificateId, certificates.id))
    .innerJoin(apps, eq(apps.id, accessRequests.appId))
    .where(
      and(
        eq(certificates.id, certificateId),
        eq(certificates.source, 'PORTAL'),
        eq(apps.organisationId, organisationId),
      ),
    )
    .limit(1);
  return pending !== undefined;
}

async function existingOfOrganisation(
  tx: Db,
  certificateId: string,
  scope: { providerId: string; organisationId: string },
): Promise<Result<string, NotFoundError | CertificateIsCaError>> {
  const [row] = await tx
    .select({ id: certificates.id, isCa: certificates.isCa })
    .from(certificates)
    .innerJoin(certificateOrganisations, eq(certificateOrganisations.certificateId, certificates.id))
    .where(
      and(
        eq(certificates.id, certificateId),
        eq(certificates.providerId, scope.providerId),
        eq(certificateOrganisations.organisationId, scope.organisationId),
      ),
    );
  if (!row) return Err(new NotFoundError('certificate', certificateId, ['certificate', 'certificateId']));
  if (row.isCa) return Err(caRefused(['certificate', 'certificateId']));
  return Ok(row.id);
}

function caRefused(path: string[]): CertificateIsCaError {
  return new CertificateIsCaError(
    'A CA certificate cannot be a Self-Serve certificate: the Gateway would admit every certificate it signed.',
    { path },
  );
}

/**
 * Approval of a Self-Serve request links its certificate to the organisation, in the decision's
 * transaction, remembering which request made the link. An existing link is left as it is.
 */
export async function linkSelfServeCertificate(tx: Db, request: AccessRequest, actor: Actor): Promise<void> {
  if (!request.certificateId) return;
  const [app] = await tx
    .select({ organisationId: apps.organisationId })
    .from(apps)
    .where(eq(apps.id, request.appId));
  const inserted = await tx
    .insert(certificateOrganisations)
    .values({
      certificateId: request.certificateId,
      organisationId: app!.organisationId,
      grantedByRequestId: request.id,
    })
    .onConflictDoNothing()
    .returning({ organisationId: certificateOrganisations.organisationId });
  if (inserted.length > 0)
    await recordAudit(tx, actor, [
      {
        action: 'certificate.set_organisations',
        subjectType: 'certificate',
        subjectId: request.certificateId,
        after: { added: [app!.organisationId], accessRequestId: request.id },
      },
    ]);
}

/**
 * Rejecting or revoking a request takes back the link its approval made, unless another of the
 * organisation's requests (being) granted with that certificate still stands on it: that request
 * then holds the link.
 */
export async function releaseSelfServeLinks(tx: Db, requestId: string, actor: Actor): Promise<void> {
  const links = await tx
    .select()
    .from(certificateOrganisations)
    .where(eq(certificateOrganisations.grantedByRequestId, requestId));
  for (const link of links) {
    const [other] = await tx
      .select({ id: accessRequests.id })
      .from(accessRequests)
      .innerJoin(apps, eq(apps.id, accessRequests.appId))
      .where(
        and(
          eq(accessRequests.certificateId, link.certificateId),
          eq(apps.organisationId, link.organisationId),
          ne(accessRequests.id, requestId),
          inArray(accessRequests.status, ['PROVISIONING', 'APPROVED', 'FAILED']),
        ),
      )
      .limit(1);
    const where = and(
      eq(certificateOrganisations.certificateId, link.certificateId),
      eq(certificateOrganisations.organisationId, link.organisationId),
    );
    if (other) {
      await tx.update(certificateOrganisations).set({ grantedByRequestId: other.id }).where(where);
      continue;
    }
    await tx.delete(certificateOrganisations).where(where);
    await recordAudit(tx, actor, [
      {
        action: 'certificate.set_organisations',
        subjectType: 'certificate',
        subjectId: link.certificateId,
        before: { organisations: [link.organisationId] },
        after: { removed: [link.organisationId], accessRequestId: requestId },
      },
    ]);
  }
}
