import { type Actor, isAdmin, organisationScope } from '../actor.ts';
import type { AppService } from '../apps/app.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { Db } from '../db/open-database.ts';
import { isUniqueViolation } from '../db/pg-error.ts';
import { ONE_PENDING_INDEX } from '../db/schema/access-requests.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import type { KeysetPage } from '../keyset-page.ts';
import type { PlanService } from '../plans/plan.service.ts';
import type { ProductService } from '../products/product.service.ts';
import type { ProviderService } from '../providers/provider.service.ts';
import type { ProvisioningService } from '../provisioning/provisioning.service.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import type { X509Error } from '../x509/x509.errors.ts';
import {
  AccessRequestStateError,
  type CertificateIsCaError,
  type CertificateNotAcceptedError,
  type CertificateOfAnotherOrganisationError,
  type CertificateRequiredError,
  DuplicatePendingRequestError,
  type NoOrganisationCertificatesError,
} from './access-request.errors.ts';
import * as repo from './access-request.repo.ts';
import {
  type AccessRequest,
  type Credential,
  rejectInput,
  type SubmitInput,
  submitInput,
} from './access-request.ts';
import { type AccessRequestFilter, listAccessRequests } from './access-request-list.ts';
import { certificateRule } from './certificate-rule.ts';
import {
  linkSelfServeCertificate,
  releaseSelfServeLinks,
  resolveSelfServeCertificate,
} from './self-serve-certificate.ts';

type SubmitError =
  | InvalidInputError
  | NotFoundError
  | ForbiddenError
  | X509Error
  | CertificateRequiredError
  | CertificateNotAcceptedError
  | CertificateOfAnotherOrganisationError
  | CertificateIsCaError
  | DuplicatePendingRequestError;

/** The audit action each decision records. */
const AUDIT_ACTION_OF = {
  approve: 'access_request.approve',
  reject: 'access_request.reject',
  retry: 'access_request.retry',
  're-provision': 'access_request.reprovision',
  revoke: 'access_request.revoke',
  'change-plan': 'access_request.change_plan',
} as const;

/** Access requests: submitted by consumers, decided by admins, provisioned by the provisioning jobs. */
export class AccessRequestService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly services: {
      providers: ProviderService;
      products: ProductService;
      plans: PlanService;
      apps: AppService;
      provisioning: ProvisioningService;
    },
  ) {}

  /**
   * App + product + plan, with a certificate for Self-Serve (a new PEM or one of the organisation's).
   * Errors: INVALID_INPUT, NOT_FOUND (app, product, plan, certificate), the X509Error of a bad PEM,
   * ACCESS_REQUEST_CERTIFICATE_REQUIRED / _NOT_ACCEPTED / _NOT_YOURS, ACCESS_REQUEST_DUPLICATE_PENDING
   * (the app has a PENDING request for the product already). A refusal stores nothing.
   */
  async submit(input: SubmitInput, actor: Actor): Promise<Result<AccessRequest, SubmitError>> {
    const parsed = parseInput(submitInput, input);
    if (!parsed.ok) return parsed;
    const { appId, productId, planId, certificate } = parsed.value;
    const [app] = await this.services.apps.byIds([appId], actor);
    if (!app) return Err(new NotFoundError('app', appId, ['appId']));
    const product = await this.services.products.get(productId);
    if (!product) return Err(new NotFoundError('product', productId, ['productId']));
    const [plan] = await this.services.plans.byIds([planId], actor);
    if (!plan) return Err(new NotFoundError('plan', planId, ['planId']));
    const rule = certificateRule(product, certificate !== undefined);
    if (!rule.ok) return rule;
    const provider = (await this.services.providers.get(product.providerId))!;
    const now = this.#now();
    // The unique index's refusal ends the transaction: caught outside it, so nothing it wrote stays.
    return this.deps.db
      .transaction(async (tx) => {
        let certificateId: string | null = null;
        if (certificate) {
          const scope = {
            providerId: provider.id,
            providerOrgId: provider.orgId,
            organisationId: app.organisationId,
            now,
          };
          const resolved = await resolveSelfServeCertificate(tx, certificate, scope);
          if (!resolved.ok) return resolved;
          certificateId = resolved.value;
        }
        const request = await repo.insertRequest(tx, { appId, productId, planId, certificateId });
        await recordAudit(tx, actor, [
          {
            action: 'access_request.submit',
            subjectType: 'access_request',
            subjectId: request.id,
            after: { appId, productId, planId, certificateId },
          },
        ]);
        return Ok(request);
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, ONE_PENDING_INDEX)) return Err(new DuplicatePendingRequestError());
        throw error;
      });
  }

  /** Errors: FORBIDDEN, INVALID_INPUT (no reason), NOT_FOUND, ACCESS_REQUEST_STATE. */
  async reject(
    id: string,
    reason: string,
    actor: Actor,
  ): Promise<
    Result<AccessRequest, ForbiddenError | InvalidInputError | NotFoundError | AccessRequestStateError>
  > {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins decide access requests.'));
    const parsed = parseInput(rejectInput, { reason });
    if (!parsed.ok) return parsed;
    const before = await this.get(id, actor);
    // A FAILED request may have left entries or a key behind: converge them away.
    return this.#decide(
      id,
      'reject',
      ['PENDING', 'FAILED'],
      actor,
      { status: 'REJECTED', rejectReason: parsed.value.reason, failedStep: null, failureReason: null },
      { job: before?.status === 'FAILED', effect: (tx) => releaseSelfServeLinks(tx, id, actor) },
    );
  }

  /**
   * Starts provisioning: the request becomes PROVISIONING and a job is queued (run it with
   * `provisioning.runDue()`; the server's worker does). Managed with no usable certificate in the
   * organisation is refused here and nothing changes. Errors: FORBIDDEN, NOT_FOUND,
   * ACCESS_REQUEST_STATE, ACCESS_REQUEST_NO_CERTIFICATES.
   */
  async approve(
    id: string,
    actor: Actor,
  ): Promise<
    Result<
      AccessRequest,
      ForbiddenError | NotFoundError | AccessRequestStateError | NoOrganisationCertificatesError
    >
  > {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins decide access requests.'));
    const request = await this.get(id, actor);
    if (!request) return Err(new NotFoundError('access request', id));
    if (request.status !== 'PENDING') return Err(new AccessRequestStateError('approve', request.status));
    const ready = await this.services.provisioning.checkCertificates(request);
    if (!ready.ok) return ready;
    return this.#decide(
      id,
      'approve',
      ['PENDING'],
      actor,
      { status: 'PROVISIONING', decidedById: actorUserId(actor), decidedAt: this.#now() },
      { job: true, effect: (tx, moved) => linkSelfServeCertificate(tx, moved, actor) },
    );
  }

  /** Re-runs a FAILED provisioning; done steps are not repeated twice (they are idempotent). */
  async retry(id: string, actor: Actor) {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins retry provisioning.'));
    return this.#decide(
      id,
      'retry',
      ['FAILED'],
      actor,
      { status: 'PROVISIONING', failedStep: null, failureReason: null },
      { job: true },
    );
  }

  /** Recomputes the certificates (Managed: the organisation's now) and brings allow lists and key up to date. */
  async reprovision(id: string, actor: Actor) {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins re-provision access.'));
    return this.#decide(id, 're-provision', ['APPROVED'], actor, { status: 'PROVISIONING' }, { job: true });
  }

  /**
   * Moves an APPROVED request to another plan. Its job rewrites the key in place with the new
   * plan's rate, per, quota and renewal (Tyk session fields), so the consumer keeps its token; the
   * token's expiry stays as issued. Errors: FORBIDDEN, NOT_FOUND (request, plan), ACCESS_REQUEST_STATE.
   */
  async changePlan(id: string, planId: string, actor: Actor) {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins change plans.'));
    const [plan] = await this.services.plans.byIds([planId], actor);
    if (!plan) return Err(new NotFoundError('plan', planId, ['planId']));
    return this.#decide(
      id,
      'change-plan',
      ['APPROVED'],
      actor,
      { status: 'PROVISIONING', planId },
      { job: true },
    );
  }

  /**
   * Withdraws access: the request is REVOKED and its credential ended at once (the decision is the
   * source of truth), then its job deletes the key and takes its certificates off every allow list
   * no other live grant needs them on, retrying while the Dashboard fails.
   */
  async revoke(id: string, actor: Actor) {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins revoke access.'));
    const now = this.#now();
    return this.#decide(
      id,
      'revoke',
      ['APPROVED', 'FAILED'],
      actor,
      {
        status: 'REVOKED',
        revokedAt: now,
        failedStep: null,
        failureReason: null,
        accessLostReason: null,
        accessLostAt: null,
      },
      {
        job: true,
        effect: async (tx) => {
          await repo.revokeCredentials(tx, id, now);
          await releaseSelfServeLinks(tx, id, actor);
        },
      },
    );
  }

  async get(id: string, actor: Actor): Promise<AccessRequest | undefined> {
    return (await repo.requestsByIds(this.deps.db, [id], organisationScope(actor)))[0];
  }

  byIds(ids: readonly string[], actor: Actor): Promise<AccessRequest[]> {
    return repo.requestsByIds(this.deps.db, ids, organisationScope(actor));
  }

  /** One page, newest first; see {@link listAccessRequests}. */
  list(filter: AccessRequestFilter, page: KeysetPage, actor: Actor) {
    return listAccessRequests(this.deps.db, filter, page, actor);
  }

  /** The request's credentials; the token only for a consumer of the owning organisation. */
  async credentials(requestIds: readonly string[], actor: Actor): Promise<Credential[]> {
    const visible = await this.byIds(requestIds, actor);
    const rows = await repo.credentialsOf(
      this.deps.db,
      visible.map((r) => r.id),
    );
    const owner = actor.kind === 'CONSUMER';
    return rows.map(({ tokenCiphertext, updatedAt: _, ...row }) => ({
      ...row,
      token: owner ? this.deps.secrets.open(tokenCiphertext) : null,
    }));
  }

  async #decide(
    id: string,
    action: 'approve' | 'reject' | 'retry' | 're-provision' | 'revoke' | 'change-plan',
    from: readonly AccessRequest['status'][],
    actor: Actor,
    values: Partial<AccessRequest>,
    then: { job?: boolean; effect?: (tx: Db, moved: AccessRequest) => Promise<void> } = {},
  ): Promise<Result<AccessRequest, NotFoundError | AccessRequestStateError>> {
    const before = await this.get(id, actor);
    if (!before) return Err(new NotFoundError('access request', id));
    const after = await this.deps.db.transaction(async (tx) => {
      const moved = await repo.transition(tx, id, from, values);
      if (!moved) return undefined;
      if (then.job) await this.services.provisioning.enqueue(tx, id);
      await then.effect?.(tx, moved);
      await recordAudit(tx, actor, [
        {
          action: AUDIT_ACTION_OF[action],
          subjectType: 'access_request',
          subjectId: id,
          // A plan change says which plans; the others leave the plan alone.
          before: { status: before.status, ...(values.planId ? { planId: before.planId } : {}) },
          after: { status: moved.status, ...(values.planId ? { planId: moved.planId } : {}) },
        },
      ]);
      return moved;
    });
    if (!after)
      return Err(new AccessRequestStateError(action, (await this.get(id, actor))?.status ?? before.status));
    return Ok(after);
  }

  #now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}

function actorUserId(actor: Actor): string | null {
  return actor.kind === 'SYSTEM' ? null : actor.userId;
}
