import { and, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { certificateOrganisations } from '../db/schema/certificates.ts';
import { ForbiddenError } from '../errors.ts';
import { enqueueForCertificates } from '../provisioning/convergence-queue.ts';
import { Err, Ok, type Result } from '../result.ts';
import { CertificateNotAssociatedError, CertificateNotCaError } from './certificate.errors.ts';
import type { Certificate } from './certificate.ts';
import { type CertificateContext, toCertificate } from './certificate-context.ts';
import { type EditError, editable } from './certificate-edit.ts';

export type TrustedIssuerError = EditError | CertificateNotCaError | CertificateNotAssociatedError;

/**
 * Marks (or unmarks) a CA certificate as a trusted issuer for one of its organisations. Managed
 * provisioning puts a CA on an allow list only with this mark: the Gateway then admits every
 * certificate the CA signed (Tyk's `ValidateRequestCerts` verifies a presented certificate against
 * the allow-listed CAs), with the organisation's token. Grants of the organisation converge at
 * once when the mark is removed; a new mark takes effect at their next (re-)provisioning.
 * Admins only. Errors: as editing, CERTIFICATE_NOT_CA, CERTIFICATE_NOT_ASSOCIATED.
 */
export async function setTrustedIssuer(
  ctx: CertificateContext,
  id: string,
  organisationId: string,
  trusted: boolean,
  actor: Actor,
): Promise<Result<Certificate, TrustedIssuerError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins mark trusted issuers.'));
  return ctx.deps.db.transaction(async (tx): Promise<Result<Certificate, TrustedIssuerError>> => {
    const row = await editable(tx, id);
    if (!row.ok) return row;
    if (!row.value.isCa) return Err(new CertificateNotCaError(id));
    const link = and(
      eq(certificateOrganisations.certificateId, id),
      eq(certificateOrganisations.organisationId, organisationId),
    );
    const [current] = await tx.select().from(certificateOrganisations).where(link);
    if (!current) return Err(new CertificateNotAssociatedError(id, organisationId));
    if (current.trustedIssuer !== trusted) {
      await tx.update(certificateOrganisations).set({ trustedIssuer: trusted }).where(link);
      await enqueueForCertificates(tx, [id]);
      await recordAudit(tx, actor, [
        {
          action: 'certificate.set_trusted_issuer',
          subjectType: 'certificate',
          subjectId: id,
          before: { organisationId, trustedIssuer: current.trustedIssuer },
          after: { organisationId, trustedIssuer: trusted },
        },
      ]);
    }
    return Ok(toCertificate(row.value, ctx.now()));
  });
}
