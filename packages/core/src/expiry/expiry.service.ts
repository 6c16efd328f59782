import { type Actor, isAdmin, systemActor } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { withAdvisoryLock } from '../db/advisory-lock.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import { enqueueForCertificates } from '../provisioning/convergence-queue.ts';
import { Err, Ok, type Result } from '../result.ts';
import { DEFAULT_EXPIRY_WARNING_DAYS } from '../x509/status.ts';
import { EXPIRY_ACTIONS, type PendingTransition, pendingTransitions } from './expiry.repo.ts';

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
