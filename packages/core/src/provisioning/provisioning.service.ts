import { hostname } from 'node:os';
import { NoOrganisationCertificatesError } from '../access-requests/access-request.errors.ts';
import * as requests from '../access-requests/access-request.repo.ts';
import type { AccessRequest } from '../access-requests/access-request.ts';
import { type Actor, isAdmin, systemActor } from '../actor.ts';
import type { AppService } from '../apps/app.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import { listen } from '../db/notifications.ts';
import type { Db } from '../db/open-database.ts';
import type { AccessLossReason } from '../db/schema/access-requests.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import {
  claimJobs,
  enqueueJobs,
  finishJob,
  type Job,
  type JobOutcome,
  renewLeases,
} from '../jobs/job-queue.ts';
import type { PlanService } from '../plans/plan.service.ts';
import type { ProductService } from '../products/product.service.ts';
import type { ProviderService } from '../providers/provider.service.ts';
import { Err, Ok, type Result } from '../result.ts';
import { deliverWebhook } from '../webhooks/webhook-delivery.ts';
import { enqueueWebhooks, WEBHOOK_JOB, type WebhookEvent } from '../webhooks/webhook-events.ts';
import { reconcileAllowList } from './allow-list-reconciler.ts';
import { convergeRequest } from './converge-request.ts';
import {
  API_JOB,
  apiJob,
  enqueueForCertificates,
  LEGACY_REQUEST_JOBS,
  REQUEST_JOB,
  requestJob,
} from './convergence-queue.ts';
import { type DriftFinding, findDrift } from './drift.ts';
import type { ProvisionContext } from './provision-context.ts';
import { provisionRequest, StepFailure } from './provision-request.ts';

const system = systemActor('provisioning');

/** Where the database announces every statement that queues jobs (migration 20261204053249). */
export const JOBS_QUEUED_CHANNEL = 'jobs_queued';

/** A worker renews its jobs' leases this often; a lease older than LEASE_MS is a dead worker's. */
export const LEASE_RENEW_MS = 10_000;
export const LEASE_MS = 30_000;

/** Lost a lease mid-job: roll the job's transaction back, the new holder's outcome counts. */
class LeaseLost extends Error {}

/**
 * The durable side of access: jobs in the database (claimed with SKIP LOCKED, so replicas share the
 * work, and held by a renewed lease, so a dead worker's jobs are taken over within LEASE_MS). A
 * PROVISIONING request's job provisions it; any other request's job converges the Dashboard to its
 * decided state. The request's state and its job's state change in one transaction, so a
 * PROVISIONING request always has a live job (PENDING or RUNNING).
 */
export class ProvisioningService {
  readonly #worker = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  #onWork: (() => void) | undefined;
  #listening: Promise<() => Promise<void>> | undefined;

  constructor(
    private readonly deps: CoreDeps,
    private readonly services: {
      providers: ProviderService;
      products: ProductService;
      plans: PlanService;
      apps: AppService;
    },
  ) {}

  /** Queues the request's job (provision, or converge after a decision), in the caller's transaction. */
  async enqueue(tx: Db, accessRequestId: string): Promise<void> {
    await enqueueJobs(tx, [requestJob(accessRequestId)]);
  }

  /** Queues convergence of every grant that uses these certificates (their liveness changed). */
  enqueueForCertificates(tx: Db, certificateIds: readonly string[]): Promise<readonly string[]> {
    return enqueueForCertificates(tx, certificateIds);
  }

  /**
   * The server's worker registers here to be woken whenever jobs are queued, by any code path and
   * any replica: the database announces each queuing statement on commit (JOBS_QUEUED_CHANNEL), so
   * nothing that queues a job has to remember to wake anyone. Resolves once LISTEN is in place;
   * rejects when it cannot be (the worker's poll still finds the jobs). `undefined` stops it.
   */
  async onWork(listener: (() => void) | undefined): Promise<void> {
    this.#onWork = listener;
    if (listener) {
      this.#listening ??= listen(this.deps.db, JOBS_QUEUED_CHANNEL, () => this.#onWork?.()).catch(
        (error: unknown) => {
          this.#listening = undefined; // the next registration tries again
          throw error;
        },
      );
      await this.#listening;
      return;
    }
    const listening = this.#listening;
    this.#listening = undefined;
    const stop = await listening?.catch(() => undefined);
    await stop?.().catch(() => {
      // The database may be closing already: nothing is listening either way.
    });
  }

  /** Managed approval needs at least one live certificate in the organisation; checked before anything changes. */
  async checkCertificates(request: AccessRequest): Promise<Result<void, NoOrganisationCertificatesError>> {
    const product = await this.services.products.get(request.productId);
    if (product?.certificateMode !== 'MANAGED') return Ok(undefined);
    const [app] = await this.services.apps.byIds([request.appId], system);
    const certs = await requests.organisationCertificates(
      this.deps.db,
      product.providerId,
      app!.organisationId,
      this.#now(),
    );
    if (certs.length > 0) return Ok(undefined);
    return Err(
      new NoOrganisationCertificatesError(
        "The organisation has no live certificate on this product's provider (valid now, and not a CA " +
          'unless marked a trusted issuer); associate one first.',
      ),
    );
  }

  /**
   * Where one provider's Dashboard differs from the desired state, both ways (missing and extra
   * entries, keys that should or should not exist, bindings). Errors: NOT_FOUND (provider), or the
   * Dashboard's failure.
   */
  async drift(providerId: string): Promise<Result<DriftFinding[], NotFoundError | DashboardError>> {
    const client = await this.services.providers.client(providerId);
    if (!client) return Err(new NotFoundError('provider', providerId));
    const products = (await this.services.products.list({ providerId })).filter(
      (p) => p.authType === 'AUTH_TOKEN_MTLS' || p.authType === 'AUTH_TOKEN',
    );
    const decided = [];
    for (const product of products)
      for (const request of await requests.listRequests(this.deps.db, { productId: product.id }, 10_000))
        if (request.status !== 'PENDING' && request.status !== 'PROVISIONING')
          decided.push({ request, product });
    return findDrift(this.deps.db, this.deps.secrets, client, providerId, decided, this.#now());
  }

  /**
   * Fixes a provider's drift: finds it, then queues convergence of each request concerned and
   * reconciliation of each API with an extra entry no request accounts for; the worker brings the
   * Dashboard back to the desired state. Answers the findings it queued work for. Admins only.
   * Errors: FORBIDDEN, NOT_FOUND (provider), or the Dashboard's failure.
   */
  async fixDrift(
    providerId: string,
    actor: Actor,
  ): Promise<Result<DriftFinding[], ForbiddenError | NotFoundError | DashboardError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins fix drift.'));
    const drift = await this.drift(providerId);
    if (!drift.ok || drift.value.length === 0) return drift;
    const findings = drift.value;
    await this.deps.db.transaction(async (tx) => {
      await enqueueJobs(tx, [
        ...findings.flatMap((f) => (f.accessRequestId ? [requestJob(f.accessRequestId)] : [])),
        ...findings.flatMap((f) => (f.apiId && !f.accessRequestId ? [apiJob(providerId, f.apiId)] : [])),
      ]);
      await recordAudit(tx, actor, [
        {
          action: 'access_drift.fix',
          subjectType: 'provider',
          subjectId: providerId,
          before: { findings: findings.map((f) => ({ ...f })) },
        },
      ]);
    });
    return Ok(findings);
  }

  /** Claims and runs due jobs, `concurrency` at a time, renewing their leases; returns how many ran. */
  async runDue(options: { limit?: number; concurrency?: number; leaseMs?: number } = {}): Promise<number> {
    const jobs = await claimJobs(
      this.deps.db,
      this.#worker,
      options.limit ?? 50,
      options.leaseMs ?? LEASE_MS,
    );
    if (jobs.length === 0) return 0;
    const running = new Set(jobs.map((j) => j.id));
    const renewal = setInterval(() => {
      renewLeases(this.deps.db, this.#worker, [...running]).catch(() => {}); // the next renewal retries
    }, LEASE_RENEW_MS);
    renewal.unref();
    try {
      const queue = [...jobs];
      const lanes = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          await this.#run(job);
          running.delete(job.id);
        }
      });
      await Promise.all(lanes);
    } finally {
      clearInterval(renewal);
    }
    return jobs.length;
  }

  async #run(job: Job): Promise<void> {
    try {
      if (job.kind === API_JOB) await this.#reconcileApi(job);
      else if (job.kind === WEBHOOK_JOB) await this.#deliverWebhook(job);
      else if (job.kind === REQUEST_JOB || LEGACY_REQUEST_JOBS.includes(job.kind))
        await this.#runRequest(job);
      else await this.#finish(job, { ok: false, error: `Unknown job kind ${job.kind}.` });
    } catch (error) {
      if (error instanceof LeaseLost) return;
      await this.#finish(job, {
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }).catch(() => {});
      throw error;
    }
  }

  /** One attempt at one webhook event; the runner's backoff retries it until delivered. */
  async #deliverWebhook(job: Job): Promise<void> {
    const config = this.deps.webhook;
    if (!config) return this.#finish(job, { ok: false, error: 'No webhook is configured any more.' });
    const event = job.payload as unknown as WebhookEvent;
    const delivered = await deliverWebhook(config, event, this.deps.clock?.() ?? new Date());
    return this.#finish(
      job,
      delivered.ok
        ? { ok: true }
        : { ok: false, error: delivered.error, retryAfterMs: backoffMs(job.attempts) },
    );
  }

  async #runRequest(job: Job): Promise<void> {
    const id = String(job.payload.accessRequestId);
    const [request] = await requests.requestsByIds(this.deps.db, [id]);
    if (!request || request.status === 'PENDING') return this.#finish(job, { ok: true });
    const ctx = await this.#context(request);
    if (request.status === 'PROVISIONING') return this.#provision(job, ctx);
    const converged = await convergeRequest(ctx);
    if (!converged.ok) {
      const { error } = converged;
      return this.#finish(job, {
        ok: false,
        error: `${error.code}: ${error.message}`,
        retryAfterMs: backoffMs(job.attempts),
      });
    }
    const { lost } = converged.value;
    await this.#finish(job, { ok: true }, async (tx) => {
      if (request.status !== 'APPROVED' || lost === request.accessLostReason) return;
      await requests.transition(tx, id, ['APPROVED'], {
        accessLostReason: lost,
        accessLostAt: lost ? ctx.now : null,
      });
      await recordAudit(tx, system, [
        {
          action: lost ? 'access_request.access_lost' : 'access_request.access_restored',
          subjectType: 'access_request',
          subjectId: id,
          before: { accessLostReason: request.accessLostReason },
          after: { accessLostReason: lost },
        },
      ]);
      if (lost)
        await enqueueWebhooks(tx, this.deps.webhook, [
          {
            type: 'access.lost',
            occurredAt: ctx.now.toISOString(),
            data: { accessRequestId: id, reason: lost, appId: request.appId, productId: request.productId },
          },
        ]);
    });
  }

  async #provision(job: Job, ctx: ProvisionContext): Promise<void> {
    const { request, now } = ctx;
    let lost: AccessLossReason | null;
    try {
      ({ lost } = await provisionRequest(ctx));
    } catch (error) {
      if (!(error instanceof StepFailure)) throw error;
      return this.#finish(job, { ok: false, error: error.message }, async (tx) => {
        await requests.transition(tx, request.id, ['PROVISIONING'], {
          status: 'FAILED',
          failedStep: error.step,
          failureReason: error.message.slice(0, 2000),
        });
        await recordAudit(tx, system, [
          {
            action: 'access_request.failed',
            subjectType: 'access_request',
            subjectId: request.id,
            after: { step: error.step, reason: error.message },
          },
        ]);
      });
    }
    await this.#finish(job, { ok: true }, async (tx) => {
      await requests.transition(tx, request.id, ['PROVISIONING'], {
        status: 'APPROVED',
        approvedAt: now,
        accessLostReason: lost,
        // A loss that goes on keeps the instant it began.
        accessLostAt: lost === null ? null : lost === request.accessLostReason ? request.accessLostAt : now,
      });
      await recordAudit(tx, system, [
        {
          action: 'access_request.provisioned',
          subjectType: 'access_request',
          subjectId: request.id,
          after: lost === null ? { status: 'APPROVED' } : { status: 'APPROVED', accessLostReason: lost },
        },
      ]);
    });
  }

  async #reconcileApi(job: Job): Promise<void> {
    const providerId = String(job.payload.providerId);
    const apiId = String(job.payload.apiId);
    const client = await this.services.providers.client(providerId);
    const api =
      client &&
      (await this.services.products.list({ providerId }))
        .flatMap((p) => p.apis)
        .find((a) => a.apiId === apiId);
    if (!client || !api) return this.#finish(job, { ok: true });
    const reconciled = await reconcileAllowList(this.deps.db, client, providerId, api, this.#now());
    if (reconciled.ok) return this.#finish(job, { ok: true });
    const { error } = reconciled;
    return this.#finish(job, { ok: false, error: error.message, retryAfterMs: backoffMs(job.attempts) });
  }

  /**
   * Ends the job and applies `effect` (the request's new state) in one transaction. A worker whose
   * lease lapsed rolls back: the worker that took the job over decides.
   */
  async #finish(job: Job, outcome: JobOutcome, effect?: (tx: Db) => Promise<void>): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      if (!(await finishJob(tx, job.id, this.#worker, outcome))) throw new LeaseLost();
      await effect?.(tx);
    });
  }

  async #context(request: AccessRequest): Promise<ProvisionContext> {
    const product = (await this.services.products.get(request.productId))!;
    const [plan] = await this.services.plans.byIds([request.planId], system);
    const [app] = await this.services.apps.byIds([request.appId], system);
    const provider = (await this.services.providers.get(product.providerId))!;
    const client = (await this.services.providers.client(provider.id))!;
    return {
      db: this.deps.db,
      secrets: this.deps.secrets,
      client,
      provider,
      request,
      app: app!,
      product,
      plan: plan!,
      now: this.#now(),
    };
  }

  #now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}

/** 1 s, 2 s, 4 s … up to a minute between attempts at a Dashboard that keeps failing. */
function backoffMs(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}
