import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import type { Db } from '../db/open-database.ts';
import { isReferenceViolation } from '../db/pg-error.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { tykCertificateId } from '../x509/fingerprints.ts';
import { lintChain } from '../x509/lint.ts';
import type { X509Error } from '../x509/x509.errors.ts';
import {
  CertificateHasPrivateKeyError,
  CertificateIdMismatchError,
  UnknownOrganisationError,
} from './certificate.errors.ts';
import * as repo from './certificate.repo.ts';
import { certificateAuditView, type UploadInput, type UploadResult, uploadInput } from './certificate.ts';
import { type CertificateContext, toCertificate } from './certificate-context.ts';
import { validateUpload } from './certificate-inspect.ts';
import { leafPem, type ParsedColumns, parsedColumns } from './certificate-record.ts';

export type UploadError =
  | ForbiddenError
  | InvalidInputError
  | X509Error
  | NotFoundError
  | UnknownOrganisationError
  | DashboardError
  | CertificateIdMismatchError
  | CertificateHasPrivateKeyError;

interface Registration {
  readonly providerId: string;
  readonly tykId: string;
  /** The leaf as registered with the Dashboard. */
  readonly pem: string;
  readonly columns: ParsedColumns;
  readonly name: string | null | undefined;
  readonly organisationIds: readonly string[] | undefined;
  readonly alreadyInDashboard: boolean;
}

/**
 * Validates (nothing stored or sent on a refusal), checks the provider and organisations, registers
 * the leaf with the Dashboard, then stores the row and its audit event in one transaction.
 */
export async function uploadCertificate(
  ctx: CertificateContext,
  input: UploadInput,
  actor: Actor,
): Promise<Result<UploadResult, UploadError>> {
  if (actor.kind === 'CONSUMER')
    return Err(new ForbiddenError('Only admins upload certificates to a provider.'));
  const parsed = parseInput(uploadInput, input);
  if (!parsed.ok) return parsed;
  const { providerId, pem, name, organisationIds } = parsed.value;
  const chain = validateUpload(pem, ctx.now());
  if (!chain.ok) return chain;
  const provider = await ctx.providers.get(providerId);
  const client = provider && (await ctx.providers.client(providerId));
  if (!provider || !client) return Err(new NotFoundError('provider', providerId, ['providerId']));
  const missing = await repo.missingOrganisationIds(ctx.deps.db, organisationIds ?? []);
  if (missing.length > 0) return Err(new UnknownOrganisationError(missing));
  const { leaf } = chain.value;
  const tykId = tykCertificateId(provider.orgId, leaf.fingerprints.sha256);
  const registered = await register(client, leafPem(leaf), tykId);
  if (!registered.ok) return registered;
  const columns = parsedColumns(chain.value, lintChain(chain.value));
  const registration = {
    providerId,
    tykId,
    pem: leafPem(leaf),
    columns,
    name,
    organisationIds,
    ...registered.value,
  };
  try {
    return Ok(await ctx.deps.db.transaction((tx) => store(ctx, tx, registration, actor)));
  } catch (error) {
    // An organisation removed since the check; the Dashboard has the certificate and sync will list it.
    if (isReferenceViolation(error)) return Err(new UnknownOrganisationError(organisationIds ?? []));
    throw error;
  }
}

/** `POST /api/certs`; a certificate the Dashboard already holds is success unless it holds its private key. */
async function register(
  client: DashboardClient,
  pem: string,
  tykId: string,
): Promise<Result<{ alreadyInDashboard: boolean }, UploadError>> {
  const added = await client.uploadCertificate(pem);
  if (!added.ok) return added;
  if (added.value.id !== tykId) return Err(new CertificateIdMismatchError(tykId, added.value.id));
  if (!added.value.alreadyExisted) return Ok({ alreadyInDashboard: false });
  const meta = await client.getCertificate(tykId);
  if (!meta.ok) return meta;
  if (meta.value.has_private) return Err(new CertificateHasPrivateKeyError(tykId));
  return Ok({ alreadyInDashboard: true });
}

/**
 * Creates the row, or takes over the provider's existing row of the same Tyk id: a soft-deleted one
 * is restored (same id, so its name, organisations and provisioning history come back), a live one
 * is refreshed. Given name and organisations replace the row's; omitted ones leave them as they were.
 */
async function store(ctx: CertificateContext, tx: Db, r: Registration, actor: Actor): Promise<UploadResult> {
  const now = ctx.now();
  // Twice at most: a concurrent upload or sync can insert the row between our read and insert.
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await repo.lockByTykId(tx, r.providerId, r.tykId);
    const row = await writeRow(tx, r, existing, now);
    if (!row) continue;
    const beforeOrganisations = existing ? await repo.organisationIdsOf(tx, existing.id) : [];
    if (r.organisationIds !== undefined) await repo.replaceOrganisations(tx, row.id, r.organisationIds);
    const organisationIds = r.organisationIds ? [...r.organisationIds].sort() : beforeOrganisations;
    const outcome = !existing ? 'CREATED' : existing.deletedAt ? 'RESTORED' : 'UPDATED';
    await recordAudit(tx, actor, [
      {
        action: 'certificate.upload',
        subjectType: 'certificate',
        subjectId: row.id,
        before: existing ? { ...certificateAuditView(existing), organisationIds: beforeOrganisations } : null,
        after: {
          ...certificateAuditView(row),
          organisationIds,
          outcome,
          alreadyInDashboard: r.alreadyInDashboard,
        },
      },
    ]);
    return { certificate: toCertificate(row, now), outcome, alreadyInDashboard: r.alreadyInDashboard };
  }
  throw new Error(`Certificate ${r.tykId} was neither found nor inserted.`);
}

/**
 * Undefined when a concurrent writer inserted the row first. The leaf's PEM is kept: it is public,
 * and a CA's is what lets the request check verify the leaves it signed (the Dashboard never gives
 * a certificate's PEM back).
 */
async function writeRow(
  tx: Db,
  r: Registration,
  existing: repo.CertificateRow | undefined,
  now: Date,
): Promise<repo.CertificateRow | undefined> {
  const stillRegistered = existing && !existing.deletedAt ? existing.registeredAt : null;
  // The Dashboard's copy was checked: we added it without a key, or it said has_private false.
  const state = {
    ...r.columns,
    hasPrivateKey: false,
    pem: r.pem,
    deletedAt: null,
    registeredAt: stillRegistered ?? now,
  };
  if (existing) {
    return repo.updateCertificate(tx, existing.id, {
      ...state,
      ...(r.name === undefined ? {} : { name: r.name }),
    });
  }
  return repo.insertCertificate(tx, {
    ...state,
    providerId: r.providerId,
    tykId: r.tykId,
    source: 'PORTAL',
    name: r.name ?? null,
  });
}
