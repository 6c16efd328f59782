import { type Actor, organisationScope } from '../actor.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { CoreDeps } from '../deps.ts';
import { type InvalidInputError, NotFoundError } from '../errors.ts';
import type { KeysetConnection, KeysetPage } from '../keyset-page.ts';
import type { ProviderService } from '../providers/provider.service.ts';
import { Err, type Result } from '../result.ts';
import type { X509Error } from '../x509/x509.errors.ts';
import type { UnknownOrganisationError } from './certificate.errors.ts';
import * as repo from './certificate.repo.ts';
import type { Certificate, CertificateOrganisation, UploadInput, UploadResult } from './certificate.ts';
import { type CertificateContext, toCertificate } from './certificate-context.ts';
import { type DeleteError, deleteCertificate, usageOf } from './certificate-delete.ts';
import { type EditError, renameCertificate, setCertificateOrganisations } from './certificate-edit.ts';
import {
  type ImportError,
  type ImportInput,
  type ImportReport,
  importCertificates,
} from './certificate-import.ts';
import { ImportEvents } from './certificate-import-events.ts';
import { type CertificateInspection, inspectPem } from './certificate-inspect.ts';
import { listCertificates } from './certificate-list.ts';
import {
  approveRotation,
  cancelRotation,
  completeRotation,
  type Rotation,
  type RotationError,
  type RotationStartInput,
  type RotationStep,
  rotationsByIds,
  startRotation,
} from './certificate-rotation.ts';
import { listRotations, type RotationFilter } from './certificate-rotation-list.ts';
import type { CertificateConnection, CertificateFilter, CertificatePage } from './certificate-search.ts';
import {
  resumeCertificate,
  type SuspensionError,
  type SuspensionResult,
  suspendCertificate,
} from './certificate-suspension.ts';
import { setTrustedIssuer, type TrustedIssuerError } from './certificate-trusted-issuer.ts';
import { type UploadError, uploadCertificate } from './certificate-upload.ts';
import type { CertificateUsage } from './certificate-usage.ts';

/** The portal's certificate store: a facade over each provider's Dashboard store (README "Core services"). */
export class CertificateService {
  /** Progress of imports given a `progressKey`, for the GraphQL subscription. */
  readonly importEvents = new ImportEvents();
  readonly #ctx: CertificateContext;

  // A change that queues grants to converge (delete, organisations, trusted issuer, suspension,
  // rotation) wakes the provisioning worker through the database: see ProvisioningService.onWork.
  constructor(deps: CoreDeps, providers: ProviderService) {
    this.#ctx = { deps, providers, now: () => deps.clock?.() ?? new Date() };
  }

  /** Soft-deleted ones included. */
  async get(id: string): Promise<Certificate | undefined> {
    const row = await repo.findCertificate(this.#ctx.deps.db, id);
    return row && toCertificate(row, this.#ctx.now());
  }

  /**
   * Batch load for GraphQL (one statement for any number of ids), soft-deleted ones included, in
   * no particular order. Scoped: a consumer gets only the certificates associated with its
   * organisation; ids the actor may not see (or that name nothing) are simply absent.
   */
  async byIds(ids: readonly string[], actor: Actor): Promise<Certificate[]> {
    const now = this.#ctx.now();
    const rows = await repo.certificatesByIds(this.#ctx.deps.db, ids, organisationScope(actor));
    return rows.map((row) => toCertificate(row, now));
  }

  /**
   * The public PEM each certificate came with, for ids the actor may see, in one statement: kept
   * for every certificate that came through the portal, null for those found by sync (the
   * Dashboard never answers a PEM). Never a private key: uploads refuse those.
   */
  async pems(ids: readonly string[], actor: Actor): Promise<{ id: string; pem: string | null }[]> {
    return repo.certificatePems(this.#ctx.deps.db, ids, organisationScope(actor));
  }

  /** Organisations of each certificate, in the order of `certificateIds`, in one statement. */
  async organisationsOf(certificateIds: readonly string[]): Promise<CertificateOrganisation[][]> {
    const rows = await repo.organisationsOfCertificates(this.#ctx.deps.db, certificateIds);
    const byCertificate = new Map<string, CertificateOrganisation[]>();
    for (const { certificateId, id, name } of rows) {
      byCertificate.set(certificateId, [...(byCertificate.get(certificateId) ?? []), { id, name }]);
    }
    return certificateIds.map((id) => byCertificate.get(id) ?? []);
  }

  /**
   * A dry run: metadata, fingerprints, status and lint warnings (and the Tyk id in the provider's
   * org when `providerId` is given). Stores nothing, calls no Dashboard.
   * Errors: the X509Error codes of parsing (PEM_PRIVATE_KEY, PEM_CSR, PEM_MALFORMED, …), NOT_FOUND.
   */
  async inspect(
    pem: string,
    options: { readonly providerId?: string } = {},
  ): Promise<Result<CertificateInspection, X509Error | NotFoundError>> {
    const provider =
      options.providerId === undefined ? undefined : await this.#ctx.providers.get(options.providerId);
    if (options.providerId !== undefined && !provider) {
      return Err(new NotFoundError('provider', options.providerId, ['providerId']));
    }
    return inspectPem(pem, this.#ctx.now(), provider?.orgId);
  }

  /**
   * Admins only. Registers the certificate's leaf with the provider's Dashboard and stores the record;
   * the same certificate again (in the Dashboard, or a live or soft-deleted row here) is success.
   * Errors: FORBIDDEN, INVALID_INPUT, the X509Error codes (CERTIFICATE_EXPIRED included),
   * NOT_FOUND (provider), ORGANISATION_NOT_FOUND, DASHBOARD_*, CERTIFICATE_ID_MISMATCH,
   * CERTIFICATE_HAS_PRIVATE_KEY. On any error nothing is stored.
   */
  upload(input: UploadInput, actor: Actor): Promise<Result<UploadResult, UploadError>> {
    return uploadCertificate(this.#ctx, input, actor);
  }

  /** Admins only; null clears. Errors: FORBIDDEN, INVALID_INPUT, NOT_FOUND, CERTIFICATE_DELETED, CERTIFICATE_HAS_PRIVATE_KEY. */
  /**
   * Many certificates at once (certificate-import.ts): per-item results, a dry run first if asked.
   * With a `progressKey`, progress is published on `importEvents` after each item.
   */
  import(
    input: ImportInput,
    actor: Actor,
    options: { readonly progressKey?: string } = {},
  ): Promise<Result<ImportReport, ImportError>> {
    const { progressKey: key } = options;
    return importCertificates(
      this.#ctx,
      input,
      actor,
      key ? (progress) => this.importEvents.emit({ key, ...progress }) : undefined,
    );
  }

  rename(id: string, name: string | null, actor: Actor): Promise<Result<Certificate, EditError>> {
    return renameCertificate(this.#ctx, id, name, actor);
  }

  /** Admins only. Errors: as {@link rename}, and ORGANISATION_NOT_FOUND. */
  setOrganisations(
    id: string,
    organisationIds: readonly string[],
    actor: Actor,
  ): Promise<Result<Certificate, EditError | UnknownOrganisationError>> {
    return setCertificateOrganisations(this.#ctx, id, organisationIds, actor);
  }

  /**
   * Admins only: whether a CA certificate is a trusted issuer for one of its organisations (only
   * then does Managed provisioning allow-list it). Errors: as {@link rename}, CERTIFICATE_NOT_CA,
   * CERTIFICATE_NOT_ASSOCIATED.
   */
  setTrustedIssuer(
    id: string,
    organisationId: string,
    trusted: boolean,
    actor: Actor,
  ): Promise<Result<Certificate, TrustedIssuerError>> {
    return setTrustedIssuer(this.#ctx, id, organisationId, trusted, actor);
  }

  /**
   * Admins only. Deletes from the Dashboard (already gone there is fine), then soft-deletes here.
   * Errors: FORBIDDEN, NOT_FOUND, CERTIFICATE_DELETED, CERTIFICATE_IN_USE (unless `force`), DASHBOARD_*.
   */
  /** Starts a rotation with overlap (certificate-rotation.ts): both certificates admitted. */
  startRotation(input: RotationStartInput, actor: Actor): Promise<Result<RotationStep, RotationError>> {
    return startRotation(this.#ctx, input, actor);
  }

  /** Approves a consumer's requested rotation: the new certificate is stored and the overlap starts. */
  approveRotation(id: string, actor: Actor): Promise<Result<RotationStep, RotationError>> {
    return approveRotation(this.#ctx, id, actor);
  }

  /** Ends a rotation's overlap: the old certificate leaves its grants and organisations. */
  completeRotation(id: string, actor: Actor): Promise<Result<RotationStep, RotationError>> {
    return completeRotation(this.#ctx, id, actor);
  }

  /** Abandons a rotation: the new certificate leaves the grants it joined. */
  cancelRotation(id: string, actor: Actor): Promise<Result<RotationStep, RotationError>> {
    return cancelRotation(this.#ctx, id, actor);
  }

  /** Rotations by id; a consumer's, of the certificates its organisation sees. */
  rotationsByIds(ids: readonly string[], actor: Actor): Promise<Rotation[]> {
    return rotationsByIds(this.#ctx.deps.db, ids, organisationScope(actor));
  }

  /** A page of rotations, newest first (certificate-rotation-list.ts); a consumer's, scoped. */
  rotations(
    filter: RotationFilter,
    page: KeysetPage,
    actor: Actor,
  ): Promise<Result<KeysetConnection<Rotation>, InvalidInputError>> {
    return listRotations(this.#ctx.deps.db, filter, page, actor);
  }

  /** Takes the certificate out of every grant until resumed (certificate-suspension.ts). */
  suspend(id: string, reason: string, actor: Actor): Promise<Result<SuspensionResult, SuspensionError>> {
    return suspendCertificate(this.#ctx, id, reason, actor);
  }

  /** Gives a suspended certificate back to its grants, exactly as they had it. */
  resume(id: string, actor: Actor): Promise<Result<SuspensionResult, SuspensionError>> {
    return resumeCertificate(this.#ctx, id, actor);
  }

  delete(
    id: string,
    options: { readonly force?: boolean },
    actor: Actor,
  ): Promise<Result<Certificate, DeleteError>> {
    return deleteCertificate(this.#ctx, id, options, actor);
  }

  /**
   * Which APIs (from the Dashboard) and live credentials (from the portal) use it. A consumer asks
   * only about the certificates associated with its organisation (any other is NOT_FOUND, and the
   * Dashboard is not called), and sees only its organisation's credentials; every API.
   * Errors: NOT_FOUND, DASHBOARD_*.
   */
  async usage(id: string, actor: Actor): Promise<Result<CertificateUsage, NotFoundError | DashboardError>> {
    const scope = organisationScope(actor);
    const [row] = await repo.certificatesByIds(this.#ctx.deps.db, [id], scope);
    const client = row && (await this.#ctx.providers.client(row.providerId));
    if (!row || !client) return Err(new NotFoundError('certificate', id));
    return usageOf(this.#ctx, client, row, scope);
  }

  /** One page, filtered and sorted (see {@link CertificateFilter}, {@link CertificatePage}). Errors: INVALID_INPUT. */
  list(
    filter: CertificateFilter,
    page: CertificatePage,
    actor: Actor,
  ): Promise<Result<CertificateConnection, InvalidInputError>> {
    return listCertificates(this.#ctx, filter, page, actor);
  }
}
