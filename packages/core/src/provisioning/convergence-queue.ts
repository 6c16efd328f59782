import type { Db } from '../db/open-database.ts';
import { enqueueJobs, type JobSpec } from '../jobs/job-queue.ts';
import { grantsUsing } from './desired-state.ts';

/**
 * The one job of a request: provision it while PROVISIONING, otherwise converge the Dashboard to
 * its decided state. One dedupe key per request, so a retry, a revocation and a certificate event
 * queued together run once, in order, never at the same time.
 */
export const REQUEST_JOB = 'access_request.converge';
/** Kinds queued before REQUEST_JOB existed; run the same way. */
export const LEGACY_REQUEST_JOBS = ['access_request.provision', 'access_request.revoke'];
/** Reconciles one API's allow list alone (drift fix of an entry no request accounts for). */
export const API_JOB = 'allow_list.reconcile';

export function requestJob(accessRequestId: string): JobSpec {
  return { kind: REQUEST_JOB, payload: { accessRequestId }, dedupeKey: `access_request:${accessRequestId}` };
}

export function apiJob(providerId: string, apiId: string): JobSpec {
  return { kind: API_JOB, payload: { providerId, apiId }, dedupeKey: `allow_list:${providerId}:${apiId}` };
}

/**
 * Queues convergence of every granted request that provisioned one of these certificates, in the
 * caller's transaction: what a soft delete, restore, delete, organisation change or expiry of a
 * certificate calls. Two statements whatever the number of certificates; none for an empty list.
 */
export async function enqueueForCertificates(
  tx: Db,
  certificateIds: readonly string[],
): Promise<readonly string[]> {
  const ids = await grantsUsing(tx, certificateIds);
  await enqueueJobs(tx, ids.map(requestJob));
  return ids;
}
