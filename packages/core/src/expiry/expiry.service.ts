import { z } from 'zod';
import { type Actor, isAdmin, systemActor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { withAdvisoryLock } from '../db/advisory-lock.ts';
import { isInstantText } from '../db/instant-text.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, type InvalidInputError } from '../errors.ts';
import { type KeysetConnection, type KeysetPage, keysetConnection, parseKeysetPage } from '../keyset-page.ts';
import { enqueueForCertificates } from '../provisioning/convergence-queue.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { enqueueWebhooks } from '../webhooks/webhook-events.ts';
import { DEFAULT_EXPIRY_WARNING_DAYS } from '../x509/status.ts';
import { EXPIRY_ACTIONS, expiringWithin, type PendingTransition, pendingTransitions } from './expiry.repo.ts';

export type { AffectedAccessRequest, AffectedCredential, ExpiryStatus } from './expiry.repo.ts';
/** A certificate that entered EXPIRING_SOON or EXPIRED, with the grants and credentials it affects. */
export type ExpiryTransition = PendingTransition;

export interface ExpiryScanResult {
  /** False when another scan (this process or another replica) was running: this one did nothing. */
  readonly ran: boolean;
  /** The instant the statuses were computed for. */
  readonly at: Date;
  /** The transitions recorded by this scan, soonest notAfter first. */
  readonly transitions: readonly ExpiryTransition[];
}

/**
 * A certificate expiring within a window and who loses access when it does: the typed form of what
 * the expiry scan's audit events carry.
 */
export interface ExpiryImpact {
  readonly certificateId: string;
  readonly notAfter: Date;
  /** Whole days until notAfter, rounded down (0: within a day). */
  readonly daysLeft: number;
  /** Requests that name it and have not ended. */
  readonly accessRequestIds: readonly string[];
  /** Their products and those products' APIs, each once, sorted. */
  readonly productIds: readonly string[];
  readonly apiIds: readonly string[];
  readonly appIds: readonly string[];
  readonly organisationIds: readonly string[];
  /** Live credentials (Dashboard keys) of those requests. */
  readonly liveKeys: number;
}

const impactWindow = z.object({ withinDays: z.number().int().min(1).max(3_650) });

type Listener = (transitions: readonly ExpiryTransition[]) => void;

/** The lock every replica's scan takes, so two never record the same transition. */
export const EXPIRY_SCAN_LOCK = 'expiry-scan';

/**
 * The daily expiry scan: records, once per certificate and status, when a live certificate becomes
 * EXPIRING_SOON (30 days ahead, as Tyk's expiry monitor) or EXPIRED, as the audit events
 * `certificate.expiring_soon` / `certificate.expired` with what it affects. Reads only the
 * portal's tables: no Dashboard call.
 */
export class ExpiryService {
  readonly #deps: CoreDeps;
  readonly #listeners = new Set<Listener>();

  constructor(deps: CoreDeps) {
    this.#deps = deps;
  }

  /**
   * A page of the live certificates valid now that expire within `withinDays`, soonest first (then
   * by id, a keyset cursor), with the requests, products, APIs, apps, organisations and keys that
   * lose access: one statement per page. Admins only. Errors: FORBIDDEN, INVALID_INPUT (the window,
   * `first`, or an `after` this listing did not make).
   */
  async expiring(
    withinDays: number,
    page: KeysetPage,
    actor: Actor,
  ): Promise<Result<KeysetConnection<ExpiryImpact>, ForbiddenError | InvalidInputError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins read the expiry impact.'));
    const window = parseInput(impactWindow, { withinDays });
    if (!window.ok) return window;
    const p = parseKeysetPage('expiring', page, isInstantText);
    if (!p.ok) return p;
    const now = this.#deps.clock?.() ?? new Date();
    const horizon = new Date(now.getTime() + window.value.withinDays * 86_400_000);
    const rows = await expiringWithin(this.#deps.db, {
      now,
      horizon,
      after: p.value.after,
      limit: p.value.first + 1,
    });
    const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
    return Ok(
      keysetConnection(
        'expiring',
        rows,
        p.value.first,
        ({ certificateId, notAfter, notAfterKey, affects }) => ({
          position: { key: notAfterKey, id: certificateId },
          node: {
            certificateId,
            notAfter,
            daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
            accessRequestIds: affects.accessRequests.map((r) => r.id),
            productIds: sorted(affects.accessRequests.map((r) => r.productId)),
            apiIds: sorted(affects.accessRequests.flatMap((r) => r.apiIds)),
            appIds: sorted(affects.accessRequests.map((r) => r.appId)),
            organisationIds: sorted(affects.accessRequests.map((r) => r.organisationId)),
            liveKeys: affects.credentials.length,
          },
        }),
      ),
    );
  }

  /**
   * Scans at `at` (default: core's clock) in a fixed number of statements however many
   * certificates change: the lock, one read, one insert. Idempotent: a transition already recorded
   * is not recorded again. With several replicas only one scans at a time; the others get
   * `ran: false`. `actor` is recorded on the events (default `system:expiry-scan`).
   * Errors: FORBIDDEN (a consumer).
   */
  async scan(
    at: Date = this.#deps.clock?.() ?? new Date(),
    actor: Actor = systemActor('expiry-scan'),
  ): Promise<Result<ExpiryScanResult, ForbiddenError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins run the expiry scan.'));
    const locked = await withAdvisoryLock(this.#deps.db, EXPIRY_SCAN_LOCK, async (tx) => {
      const transitions = await pendingTransitions(tx, at, DEFAULT_EXPIRY_WARNING_DAYS);
      // An expired certificate leaves every grant that used it (the Gateway refuses it anyway,
      // but an allow-listed expired CA or a binding to it is state that must not linger).
      await enqueueForCertificates(
        tx,
        transitions.filter((t) => t.status === 'EXPIRED').map((t) => t.certificateId),
      );
      await recordAudit(
        tx,
        actor,
        transitions.map((t) => ({
          action: EXPIRY_ACTIONS[t.status],
          subjectType: 'certificate',
          subjectId: t.certificateId,
          after: { status: t.status, notAfter: t.notAfter.toISOString(), affects: t.affects },
        })),
      );
      await enqueueWebhooks(
        tx,
        this.#deps.webhook,
        transitions.map((t) => ({
          type: t.status === 'EXPIRED' ? 'certificate.expired' : 'certificate.expiring',
          occurredAt: at.toISOString(),
          data: { certificateId: t.certificateId, notAfter: t.notAfter.toISOString(), affects: t.affects },
        })),
      );
      return transitions;
    });
    if (!locked.acquired) return Ok({ ran: false, at, transitions: [] });
    if (locked.value.length > 0) this.#emit(locked.value);
    return Ok({ ran: true, at, transitions: locked.value });
  }

  /** Calls `listener` with the transitions of every committed scan of this process (metrics). */
  onTransitions(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(transitions: readonly ExpiryTransition[]): void {
    for (const listener of this.#listeners) {
      try {
        listener(transitions);
      } catch {
        // A listener's failure must not fail a scan that has committed.
      }
    }
  }
}
