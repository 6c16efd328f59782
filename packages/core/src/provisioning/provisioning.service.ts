import { hostname } from 'node:os';
import { NoOrganisationCertificatesError } from '../access-requests/access-request.errors.ts';
import * as requests from '../access-requests/access-request.repo.ts';
import type { AccessRequest } from '../access-requests/access-request.ts';
import { systemActor } from '../actor.ts';
import type { AppService } from '../apps/app.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { Db } from '../db/open-database.ts';
import type { CoreDeps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { claimJobs, enqueueJob, finishJob, type Job } from '../jobs/job-queue.ts';
import type { PlanService } from '../plans/plan.service.ts';
import type { ProductService } from '../products/product.service.ts';
import type { ProviderService } from '../providers/provider.service.ts';
import { Err, Ok, type Result } from '../result.ts';
import { type DriftFinding, findDrift } from './drift.ts';
import { keyIdFor } from './key-session.ts';
import { provisionRequest, StepFailure } from './provision-request.ts';

const JOB_KIND = 'access_request.provision';
const REVOKE_KIND = 'access_request.revoke';
const system = systemActor('provisioning');

/**
 * The durable side of approvals: jobs in the database (claimed with SKIP LOCKED, so replicas share
 * the work), each running every provisioning step; a failure leaves the request FAILED with the
 * step and reason until an admin retries.
 */
export class ProvisioningService {
  readonly #worker = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  #onWork: (() => void) | undefined;

  constructor(
    private readonly deps: CoreDeps,
    private readonly services: {
      providers: ProviderService;
      products: ProductService;
      plans: PlanService;
      apps: AppService;
    },
  ) {}

  /** Queues provisioning (or revocation) of a request, in the caller's transaction. */
  async enqueue(tx: Db, accessRequestId: string, kind: 'provision' | 'revoke'): Promise<void> {
    await enqueueJob(
      tx,
      kind === 'provision' ? JOB_KIND : REVOKE_KIND,
      { accessRequestId },
      `access_request:${accessRequestId}`,
    );
  }

  /** The server's worker registers here to be woken when a job is queued. */
  onWork(listener: (() => void) | undefined): void {
    this.#onWork = listener;
  }

  kick(): void {
    this.#onWork?.();
  }

  /** Managed approval needs at least one usable certificate in the organisation; checked before anything changes. */
  async checkCertificates(request: AccessRequest): Promise<Result<void, NoOrganisationCertificatesError>> {
    const product = await this.services.products.get(request.productId);
    if (product?.certificateMode !== 'MANAGED') return Ok(undefined);
    const [app] = await this.services.apps.byIds([request.appId], system);
    const certs = await requests.organisationCertificates(
      this.deps.db,
      product.providerId,
      app!.organisationId,
    );
    if (certs.length > 0) return Ok(undefined);
    return Err(
      new NoOrganisationCertificatesError(
        "The organisation has no active certificate on this product's provider; associate one first.",
      ),
    );
  }

  /**
   * Where the Dashboard differs from what approvals provisioned, for one provider's approved
   * Auth Token + mTLS access. Errors: NOT_FOUND (provider), or the Dashboard's failure.
   */
  async drift(providerId: string): Promise<Result<DriftFinding[], NotFoundError | DashboardError>> {
    const client = await this.services.providers.client(providerId);
    if (!client) return Err(new NotFoundError('provider', providerId));
    const products = (await this.services.products.list({ providerId })).filter(
      (p) => p.authType === 'AUTH_TOKEN_MTLS',
    );
    const approved = [];
    for (const product of products) {
      for (const request of await requests.listRequests(
        this.deps.db,
        { productId: product.id, status: 'APPROVED' },
        10_000,
      )) {
        approved.push({ request, product });
      }
    }
    try {
      return Ok(await findDrift(this.deps.db, this.deps.secrets, client, approved));
    } catch (error) {
      if (error instanceof DashboardError) return Err(error);
      throw error;
    }
  }

  /** Claims and runs due jobs, `concurrency` at a time; returns how many ran. */
  async runDue(options: { limit?: number; concurrency?: number; staleMs?: number } = {}): Promise<number> {
    const jobs = await claimJobs(
      this.deps.db,
      this.#worker,
      options.limit ?? 50,
      options.staleMs ?? 5 * 60_000,
    );
    const queue = [...jobs];
    const lanes = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await this.#run(job);
    });
    await Promise.all(lanes);
    return jobs.length;
  }

  async #run(job: Job): Promise<void> {
    const id = String(job.payload.accessRequestId);
    try {
      const outcome = job.kind === REVOKE_KIND ? await this.#revoke(id) : await this.#provision(id);
      await finishJob(this.deps.db, job.id, outcome);
    } catch (error) {
      await finishJob(this.deps.db, job.id, {
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  async #provision(id: string): Promise<{ ok: true } | { ok: false; error: string }> {
    const [request] = await requests.requestsByIds(this.deps.db, [id]);
    if (request?.status !== 'PROVISIONING') return { ok: true }; // decided otherwise meanwhile
    const now = this.deps.clock?.() ?? new Date();
    const product = (await this.services.products.get(request.productId))!;
    const [plan] = await this.services.plans.byIds([request.planId]);
    const [app] = await this.services.apps.byIds([request.appId], system);
    const provider = (await this.services.providers.get(product.providerId))!;
    const client = (await this.services.providers.client(provider.id))!;
    try {
      await provisionRequest({
        db: this.deps.db,
        secrets: this.deps.secrets,
        client,
        provider,
        request,
        app: app!,
        product,
        plan: plan!,
        now,
      });
    } catch (error) {
      if (!(error instanceof StepFailure)) throw error;
      await this.#fail(request, error.step, error.message);
      return { ok: false, error: error.message };
    }
    await this.deps.db.transaction(async (tx) => {
      await requests.transition(tx, id, ['PROVISIONING'], {
        status: 'APPROVED',
        approvedAt: now,
        attempts: request.attempts + 1,
      });
      await recordAudit(tx, system, [
        {
          action: 'access_request.provisioned',
          subjectType: 'access_request',
          subjectId: id,
          after: { status: 'APPROVED' },
        },
      ]);
    });
    return { ok: true };
  }

  /** Deletes the key (gone already is fine), then marks the credential and the request revoked. */
  async #revoke(id: string): Promise<{ ok: true } | { ok: false; error: string }> {
    const client = await this.#clientFor(id);
    try {
      await client?.deleteKey(keyIdFor(this.deps.secrets, id));
    } catch (error) {
      if (!(error instanceof DashboardError && error.code === 'DASHBOARD_NOT_FOUND')) {
        const [request] = await requests.requestsByIds(this.deps.db, [id]);
        if (request)
          await this.#fail(
            request,
            'CREATE_KEY',
            `Revoking the key failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        return { ok: false, error: String(error) };
      }
    }
    const now = this.deps.clock?.() ?? new Date();
    await this.deps.db.transaction(async (tx) => {
      await requests.revokeCredentials(tx, id, now);
      await requests.transition(tx, id, ['PROVISIONING'], { status: 'REVOKED' });
      await recordAudit(tx, system, [
        {
          action: 'credential.revoke',
          subjectType: 'access_request',
          subjectId: id,
          after: { keyId: keyIdFor(this.deps.secrets, id) },
        },
      ]);
    });
    return { ok: true };
  }

  async #clientFor(requestId: string) {
    const [request] = await requests.requestsByIds(this.deps.db, [requestId]);
    const product = request && (await this.services.products.get(request.productId));
    return product ? this.services.providers.client(product.providerId) : undefined;
  }

  async #fail(request: AccessRequest, step: StepFailure['step'], reason: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      await requests.transition(tx, request.id, ['PROVISIONING'], {
        status: 'FAILED',
        failedStep: step,
        failureReason: reason.slice(0, 2000),
        attempts: request.attempts + 1,
      });
      await recordAudit(tx, system, [
        {
          action: 'access_request.failed',
          subjectType: 'access_request',
          subjectId: request.id,
          after: { step, reason },
        },
      ]);
    });
  }
}
