import { type Actor, isAdmin, systemActor } from '../actor.ts';
import { type AuditEntry, recordAudit } from '../audit/audit.repo.ts';
import { certificatesByIds } from '../certificates/certificate.repo.ts';
import type { Certificate } from '../certificates/certificate.ts';
import { toCertificate } from '../certificates/certificate-context.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import type { CertificateBasics } from '../dashboard/dashboard-schemas.ts';
import { withAdvisoryLock } from '../db/advisory-lock.ts';
import type { Db } from '../db/open-database.ts';
import type { SyncTrigger } from '../db/schema/sync-runs.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import {
  encodeKeysetCursor,
  type KeysetConnection,
  type KeysetPage,
  parseKeysetPage,
} from '../keyset-page.ts';
import type { ProviderService } from '../providers/provider.service.ts';
import { enqueueForCertificates } from '../provisioning/convergence-queue.ts';
import { Err, Ok, type Result } from '../result.ts';
import { enqueueWebhooks } from '../webhooks/webhook-events.ts';
import { SyncAlreadyRunningError, SyncNotHeldError } from './sync.errors.ts';
import * as repo from './sync.repo.ts';
import { SyncEvents } from './sync-events.ts';
import { DEFAULT_HOLD_POLICY, planSync, type SyncPlan, shouldHold } from './sync-plan.ts';
import { listSyncRuns, type SyncRunFilter } from './sync-run-list.ts';

export type SyncRun = repo.SyncRunRow;

const LOCK_WAIT_MS = 10_000;
const ANALYZE_AFTER = 1_000;

/**
 * Reconciles a provider's certificate store with the portal's records (README.md "Core services").
 * A run fetches every page first and applies only a complete listing, in one transaction under the
 * provider's advisory lock; one RUNNING or HELD run per provider exists at a time, across replicas.
 */
export class SyncService {
  readonly events = new SyncEvents();
  readonly #deps: CoreDeps;
  readonly #providers: ProviderService;

  constructor(deps: CoreDeps, providers: ProviderService) {
    this.#deps = deps;
    this.#providers = providers;
  }

  /**
   * Runs a sync to its end. Errors: NOT_FOUND, SYNC_ALREADY_RUNNING; a failed fetch is a FAILED run.
   * A held run does not block it: see #hold.
   */
  async run(providerId: string, trigger: SyncTrigger, actor: Actor = systemActor('sync')) {
    const launched = await this.launch(providerId, trigger, actor);
    return launched.ok ? Ok(await launched.value.completion) : launched;
  }

  /** Starts a run and returns it RUNNING, with a promise of its final state (for mutations that return at once). */
  async launch(
    providerId: string,
    trigger: SyncTrigger,
    actor: Actor = systemActor('sync'),
  ): Promise<
    Result<{ run: SyncRun; completion: Promise<SyncRun> }, NotFoundError | SyncAlreadyRunningError>
  > {
    const client = await this.#providers.client(providerId);
    if (!client) return Err(new NotFoundError('provider', providerId));
    const opened = await this.#open(providerId, trigger);
    if (!opened.ok) return opened;
    const run = opened.value;
    const completion = this.#fetch(run, (onPage) => client.listAllCertificates(onPage)).then(
      ({ listing, run: fetched }) =>
        listing.ok ? this.#reconcile(fetched, listing.value, client, actor) : listing.error,
    );
    return Ok({ run, completion });
  }

  /** Applies a HELD run's plan (rows changed since are skipped). Errors: NOT_FOUND, SYNC_NOT_HELD. */
  async confirm(runId: string, actor: Actor): Promise<Result<SyncRun, NotFoundError | SyncNotHeldError>> {
    const run = await repo.findRun(this.#deps.db, runId);
    if (!run) return Err(new NotFoundError('sync run', runId));
    const applied = await this.#locked(run.providerId, async (tx) => {
      const current = await repo.findRun(tx, runId);
      if (current?.status !== 'HELD') return Err(new SyncNotHeldError(runId, current?.status ?? 'missing'));
      return Ok(await this.#apply(tx, current, current.heldPlan as unknown as SyncPlan, actor));
    });
    if (applied.ok) this.#emitDone(applied.value);
    return applied;
  }

  /** Drops a HELD run's plan; nothing changes. Errors: NOT_FOUND, SYNC_NOT_HELD. */
  async discard(runId: string, actor: Actor): Promise<Result<SyncRun, NotFoundError | SyncNotHeldError>> {
    const run = await repo.findRun(this.#deps.db, runId);
    if (!run) return Err(new NotFoundError('sync run', runId));
    const discarded = await this.#locked(run.providerId, async (tx) => {
      const current = await repo.findRun(tx, runId);
      if (current?.status !== 'HELD') return Err(new SyncNotHeldError(runId, current?.status ?? 'missing'));
      const now = this.#now();
      const updated = await repo.updateRun(tx, runId, {
        status: 'DISCARDED',
        finishedAt: now,
        durationMs: since(current, now),
      });
      await recordAudit(tx, actor, [{ action: 'sync.discard', subjectType: 'sync_run', subjectId: runId }]);
      return Ok(updated);
    });
    if (discarded.ok) this.#emitDone(discarded.value);
    return discarded;
  }

  get(runId: string): Promise<SyncRun | undefined> {
    return repo.findRun(this.#deps.db, runId);
  }

  /**
   * Batch load for GraphQL: one statement for any number of ids, in no particular order; unknown
   * ids are absent. Admins only: a consumer gets none.
   */
  async byIds(ids: readonly string[], actor: Actor): Promise<SyncRun[]> {
    if (!isAdmin(actor)) return [];
    return repo.findRuns(this.#deps.db, ids);
  }

  /**
   * What confirming a HELD run would soft-delete: its certificates in id order, a page at a time
   * (a held run can hold thousands), read in one statement per page; a run no longer held holds
   * none. Admins only. Errors: FORBIDDEN, NOT_FOUND, INVALID_INPUT (`first`, a foreign `after`).
   */
  async heldDeletions(
    runId: string,
    page: KeysetPage,
    actor: Actor,
  ): Promise<
    Result<
      KeysetConnection<Certificate> & { totalCount: number },
      ForbiddenError | NotFoundError | InvalidInputError
    >
  > {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins read sync runs.'));
    const p = parseKeysetPage('heldDeletions', page);
    if (!p.ok) return p;
    const run = await repo.findRun(this.#deps.db, runId);
    if (!run) return Err(new NotFoundError('sync run', runId));
    const held = run.status === 'HELD' ? (run.heldPlan as unknown as SyncPlan).softDelete : [];
    const ids = [...held].sort();
    const from = p.value.after ? ids.findIndex((id) => id > p.value.after!.id) : 0;
    const pageIds = from < 0 ? [] : ids.slice(from, from + p.value.first);
    const rows = await certificatesByIds(this.#deps.db, pageIds, undefined);
    const byId = new Map(rows.map((row) => [row.id, toCertificate(row, this.#now())]));
    const edges = pageIds.flatMap((id) => {
      const node = byId.get(id);
      return node ? [{ cursor: encodeKeysetCursor('heldDeletions', { key: id, id }), node }] : [];
    });
    return Ok({
      nodes: edges.map((e) => e.node),
      edges,
      pageInfo: {
        hasNextPage: from >= 0 && from + p.value.first < ids.length,
        // The page's last id even when its certificate is gone (deleted since), so paging goes on.
        endCursor:
          pageIds.length > 0
            ? encodeKeysetCursor('heldDeletions', { key: pageIds.at(-1)!, id: pageIds.at(-1)! })
            : null,
      },
      totalCount: ids.length,
    });
  }

  /**
   * One page of runs, newest first, with a keyset cursor (see {@link listSyncRuns}). Admins only.
   * Errors: FORBIDDEN, INVALID_INPUT.
   */
  list(
    filter: SyncRunFilter,
    page: KeysetPage,
    actor: Actor,
  ): Promise<Result<KeysetConnection<SyncRun>, ForbiddenError | InvalidInputError>> {
    return listSyncRuns(this.#deps.db, filter, page, actor);
  }

  /** Phase 1: claim the provider (a RUNNING row), or report who has it. */
  async #open(providerId: string, trigger: SyncTrigger) {
    return this.#locked(providerId, async (tx): Promise<Result<SyncRun, SyncAlreadyRunningError>> => {
      const open = await repo.openRun(tx, providerId);
      const now = this.#now();
      if (open && now.getTime() - open.startedAt.getTime() < (this.#deps.sync?.staleAfterMs ?? 15 * 60_000)) {
        return Err(new SyncAlreadyRunningError(open.id));
      }
      if (open) {
        await repo.updateRun(tx, open.id, {
          status: 'FAILED',
          error: 'Abandoned: its process stopped before it finished.',
          finishedAt: now,
          durationMs: since(open, now),
        });
      }
      return Ok(await repo.insertRun(tx, { providerId, trigger, status: 'RUNNING', startedAt: now }));
    });
  }

  /**
   * Phase 2: the whole listing, outside any lock (it can take seconds). A Dashboard failure ends the
   * run FAILED, and so does anything thrown (a bug must not leave the run RUNNING). The pages read
   * come back on the run, for its final row and DONE event to keep.
   */
  async #fetch(
    opened: SyncRun,
    list: (
      onPage: (page: number, pages: number) => void,
    ) => Promise<Result<CertificateBasics[], DashboardError>>,
  ): Promise<{ listing: Result<CertificateBasics[], SyncRun>; run: SyncRun }> {
    let run = opened;
    let listing: Result<CertificateBasics[], DashboardError>;
    try {
      listing = await list((page, pages) => {
        run = { ...run, pagesFetched: page, pagesTotal: pages };
        this.events.emit({
          runId: run.id,
          providerId: run.providerId,
          status: 'RUNNING',
          phase: 'FETCHING',
          pagesFetched: page,
          pagesTotal: pages,
        });
      });
    } catch (error) {
      return { listing: Err(await this.#fail(run, error)), run };
    }
    return { listing: listing.ok ? listing : Err(await this.#fail(run, listing.error)), run };
  }

  /**
   * Phase 3: diff against the rows as they are now, then apply or hold, under the lock. A listing
   * can miss a live certificate (an offset page shifted under a concurrent delete), so no row is
   * soft-deleted on its absence alone: each is first confirmed gone by `GET /api/certs/{id}`
   * answering 404, outside the lock, and the diff is then taken again. A re-sync with nothing
   * missing makes no confirmation call. A Dashboard failure, or anything thrown (the lock staying
   * taken, the database), ends the run FAILED.
   */
  async #reconcile(run: SyncRun, listing: CertificateBasics[], client: DashboardClient, actor: Actor) {
    try {
      let confirmed: Set<string> | undefined;
      for (let round = 1; ; round++) {
        const outcome = await this.#locked(run.providerId, async (tx): Promise<ReconcileStep> => {
          // A run taken for dead while it fetched must not apply a listing that is now stale.
          const current = await repo.findRun(tx, run.id);
          if (current?.status !== 'RUNNING') return { run: current ?? run };
          const held = await repo.heldRun(tx, run.providerId);
          const heldIds = new Set((held?.heldPlan as unknown as SyncPlan | undefined)?.softDelete ?? []);
          const known = await repo.knownCertificates(tx, run.providerId);
          const full = planSync(listing, known, run.startedAt);
          // A held deletion was confirmed when it was held; it stays confirmed while still missing.
          const isConfirmed = (id: string) => heldIds.has(id) || confirmed?.has(id) === true;
          const unconfirmed = full.softDelete.filter((id) => !isConfirmed(id));
          if (unconfirmed.length > 0 && round === 1) {
            const tykIds = new Map(known.map((k) => [k.id, k.tykId]));
            return { confirm: unconfirmed.map((id) => ({ id, tykId: tykIds.get(id)! })) };
          }
          // What turned up missing since the confirmation waits for the next run.
          const plan = { ...full, softDelete: full.softDelete.filter(isConfirmed) };
          if (!held && !shouldHold(plan, this.#deps.sync?.hold ?? DEFAULT_HOLD_POLICY))
            return { run: await this.#apply(tx, run, plan, actor) };
          return { run: await this.#hold(tx, run, plan, held, actor) };
        });
        if ('confirm' in outcome) {
          const gone = await confirmGone(client, outcome.confirm);
          if (!gone.ok) return this.#fail(run, gone.error);
          confirmed = gone.value;
          continue;
        }
        this.#emitDone(outcome.run);
        return outcome.run;
      }
    } catch (error) {
      return this.#fail(run, error);
    }
  }

  /**
   * A run that would soft-delete an unusual share of the store, or that finds a held run already
   * waiting: its additions and restores apply now (a held run never blocks new certificates), and
   * only its deletions wait for an admin. With no held run this run becomes HELD; otherwise it ends
   * SUCCEEDED and its deletions merge into the held run's set, from which every certificate listed
   * again is dropped.
   */
  async #hold(
    tx: Db,
    run: SyncRun,
    plan: SyncPlan,
    held: SyncRun | undefined,
    actor: Actor,
  ): Promise<SyncRun> {
    const now = this.#now();
    const changed = await this.#applyRows(tx, run, { ...plan, softDelete: [] }, actor);
    const deletions: SyncPlan = { ...plan, insert: [], restore: [] };
    if (!held) {
      return repo.updateRun(tx, run.id, {
        ...pagesOf(run),
        status: 'HELD',
        heldPlan: deletions as unknown as Record<string, unknown>,
        added: changed.inserted.length,
        restored: changed.restored.length,
        softDeleted: plan.softDelete.length,
        unchanged: plan.unchanged,
      });
    }
    await repo.updateRun(tx, held.id, {
      heldPlan: deletions as unknown as Record<string, unknown>,
      softDeleted: plan.softDelete.length,
    });
    await recordAudit(tx, actor, [
      {
        action: 'sync.merge_held',
        subjectType: 'sync_run',
        subjectId: held.id,
        after: { syncRunId: run.id, softDelete: plan.softDelete.length },
      },
    ]);
    return repo.updateRun(tx, run.id, {
      ...pagesOf(run),
      status: 'SUCCEEDED',
      added: changed.inserted.length,
      restored: changed.restored.length,
      softDeleted: 0,
      unchanged: plan.unchanged,
      finishedAt: now,
      durationMs: since(run, now),
    });
  }

  async #apply(tx: Db, run: SyncRun, plan: SyncPlan, actor: Actor): Promise<SyncRun> {
    const now = this.#now();
    const changed = await this.#applyRows(tx, run, plan, actor);
    // A confirmed HELD run keeps the additions and restores it applied when it was held.
    return repo.updateRun(tx, run.id, {
      ...pagesOf(run),
      status: 'SUCCEEDED',
      added: run.added + changed.inserted.length,
      restored: run.restored + changed.restored.length,
      softDeleted: changed.softDeleted.length,
      unchanged: plan.unchanged,
      heldPlan: null,
      finishedAt: now,
      durationMs: since(run, now),
    });
  }

  /** Writes a plan's rows and their audit events; the run's own row is the caller's. */
  async #applyRows(tx: Db, run: SyncRun, plan: SyncPlan, actor: Actor) {
    const now = this.#now();
    const changed = await repo.applyPlan(tx, run.providerId, plan, now);
    // Soft-deleted certificates leave the grants that used them; restored ones come back to them.
    await enqueueForCertificates(tx, [...changed.softDeleted, ...changed.restored]);
    // PGlite has no autovacuum: without fresh statistics after a bulk insert its planner sorts the
    // whole table for every page instead of walking the expiry index (measured 69 ms vs 0.2 ms).
    if (changed.inserted.length >= ANALYZE_AFTER) await repo.analyzeCertificates(tx);
    const entries = (ids: readonly string[], action: AuditEntry['action']): AuditEntry[] =>
      ids.map((id) => ({ action, subjectType: 'certificate', subjectId: id, after: { syncRunId: run.id } }));
    const audit = [
      ...entries(changed.inserted, 'certificate.discover'),
      ...entries(changed.restored, 'certificate.restore'),
      ...entries(changed.softDeleted, 'certificate.soft_delete'),
    ];
    await recordAudit(tx, actor, audit);
    await enqueueWebhooks(
      tx,
      this.#deps.webhook,
      changed.softDeleted.map((certificateId) => ({
        type: 'certificate.soft_deleted',
        occurredAt: now.toISOString(),
        data: { certificateId, providerId: run.providerId, syncRunId: run.id },
      })),
    );
    return changed;
  }

  async #fail(run: SyncRun, error: unknown): Promise<SyncRun> {
    const now = this.#now();
    const message = error instanceof Error ? error.message : String(error);
    const failed = await repo.failRun(this.#deps.db, run.id, {
      ...pagesOf(run),
      error: message,
      finishedAt: now,
      durationMs: since(run, now),
    });
    const final = failed ?? (await repo.findRun(this.#deps.db, run.id)) ?? run;
    this.#emitDone(final);
    return final;
  }

  #emitDone(run: SyncRun): void {
    this.events.emit({
      runId: run.id,
      providerId: run.providerId,
      status: run.status,
      phase: run.status === 'RUNNING' ? 'APPLYING' : 'DONE',
      pagesFetched: run.pagesFetched,
      pagesTotal: run.pagesTotal,
      counts: {
        added: run.added,
        restored: run.restored,
        softDeleted: run.softDeleted,
        unchanged: run.unchanged,
      },
      ...(run.error ? { error: run.error } : {}),
    });
  }

  /** The provider's advisory lock, waited for briefly: holders keep it only for database work. */
  async #locked<T>(providerId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const result = await withAdvisoryLock(this.#deps.db, `sync:${providerId}`, fn);
      if (result.acquired) return result.value;
      if (Date.now() > deadline)
        throw new Error(`The sync lock of provider ${providerId} stayed taken for ${LOCK_WAIT_MS} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    }
  }

  #now(): Date {
    return this.#deps.clock?.() ?? new Date();
  }
}

/** The pages a run read, as its row keeps them. */
function pagesOf(run: SyncRun): Pick<SyncRun, 'pagesFetched' | 'pagesTotal'> {
  return { pagesFetched: run.pagesFetched, pagesTotal: run.pagesTotal };
}

function since(run: SyncRun, now: Date): number {
  return Math.max(0, now.getTime() - run.startedAt.getTime());
}

/** A round of reconciliation: the run as it ended, or the rows to confirm gone first. */
type ReconcileStep =
  | { readonly run: SyncRun }
  | { readonly confirm: readonly { readonly id: string; readonly tykId: string }[] };

/** How many `GET /api/certs/{id}` a run sends at once when it confirms deletions. */
const CONFIRM_CONCURRENCY = 8;

/**
 * The portal ids of the certificates the Dashboard answers 404 for. The first failure stops every
 * lane from taking another candidate and is the Err.
 */
async function confirmGone(
  client: DashboardClient,
  candidates: readonly { id: string; tykId: string }[],
): Promise<Result<Set<string>, DashboardError>> {
  const gone = new Set<string>();
  const queue = [...candidates];
  let failed: DashboardError | undefined;
  await Promise.all(
    Array.from({ length: Math.min(CONFIRM_CONCURRENCY, queue.length) }, async () => {
      for (let next = queue.shift(); next && !failed; next = queue.shift()) {
        const held = await client.hasCertificate(next.tykId);
        if (!held.ok) failed ??= held.error;
        else if (!held.value) gone.add(next.id);
      }
    }),
  );
  return failed ? Err(failed) : Ok(gone);
}
