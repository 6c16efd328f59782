import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { Db } from '../db/open-database.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import { enqueueForCertificates } from '../provisioning/convergence-queue.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import {
  CertificateDeletedError,
  CertificateHasPrivateKeyError,
  UnknownOrganisationError,
} from './certificate.errors.ts';
import * as repo from './certificate.repo.ts';
import { type Certificate, organisationIdsInput, renameInput } from './certificate.ts';
import { type CertificateContext, toCertificate } from './certificate-context.ts';

export type EditError =
  | ForbiddenError
  | InvalidInputError
  | NotFoundError
  | CertificateDeletedError
  | CertificateHasPrivateKeyError;

/** Sets or clears (null) the portal-only name. An unchanged name writes nothing. */
export async function renameCertificate(
  ctx: CertificateContext,
  id: string,
  name: string | null,
  actor: Actor,
): Promise<Result<Certificate, EditError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins rename certificates.'));
  const parsed = parseInput(renameInput, { name });
  if (!parsed.ok) return parsed;
  const next = parsed.value.name;
  return ctx.deps.db.transaction(async (tx): Promise<Result<Certificate, EditError>> => {
    const row = await editable(tx, id);
    if (!row.ok || row.value.name === next) return row.ok ? Ok(toCertificate(row.value, ctx.now())) : row;
    const updated = await repo.updateCertificate(tx, id, { name: next });
    await recordAudit(tx, actor, [
      {
        action: 'certificate.rename',
        subjectType: 'certificate',
        subjectId: id,
        before: { name: row.value.name },
        after: { name: next },
      },
    ]);
    return Ok(toCertificate(updated, ctx.now()));
  });
}

/** Makes the certificate's organisations exactly these. An unchanged set writes nothing. */
export async function setCertificateOrganisations(
  ctx: CertificateContext,
  id: string,
  organisationIds: readonly string[],
  actor: Actor,
): Promise<Result<Certificate, EditError | UnknownOrganisationError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins set certificate organisations.'));
  const parsed = parseInput(organisationIdsInput, { organisationIds });
  if (!parsed.ok) return parsed;
  const next = [...parsed.value.organisationIds].sort();
  return ctx.deps.db.transaction(
    async (tx): Promise<Result<Certificate, EditError | UnknownOrganisationError>> => {
      const row = await editable(tx, id);
      if (!row.ok) return row;
      const missing = await repo.missingOrganisationIds(tx, next);
      if (missing.length > 0) return Err(new UnknownOrganisationError(missing));
      const before = await repo.organisationIdsOf(tx, id);
      if (before.join() !== next.join()) {
        await repo.replaceOrganisations(tx, id, next);
        // Grants of an organisation that lost (or regained) it converge: entries, bindings, keys.
        await enqueueForCertificates(tx, [id]);
        await recordAudit(tx, actor, [
          {
            action: 'certificate.set_organisations',
            subjectType: 'certificate',
            subjectId: id,
            before: { organisationIds: before },
            after: { organisationIds: next },
          },
        ]);
      }
      return Ok(toCertificate(row.value, ctx.now()));
    },
  );
}

/** The row, locked for the transaction, if it may be edited. */
export async function editable(tx: Db, id: string): Promise<Result<repo.CertificateRow, EditError>> {
  const row = await repo.lockCertificate(tx, id);
  if (!row) return Err(new NotFoundError('certificate', id));
  if (row.deletedAt) return Err(new CertificateDeletedError(id));
  if (row.hasPrivateKey) return Err(new CertificateHasPrivateKeyError(id));
  return Ok(row);
}
