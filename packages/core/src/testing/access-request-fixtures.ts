import { inArray } from 'drizzle-orm';
import { insertMany } from '../db/insert-many.ts';
import type { Db } from '../db/open-database.ts';
import { type AccessRequestStatus, accessRequests } from '../db/schema/access-requests.ts';
import { newId } from '../ids.ts';

export interface TestAccessRequest {
  readonly appId: string;
  readonly productId: string;
  readonly planId: string;
  readonly createdAt: Date;
  /** Default PENDING; the columns the status requires (a reason, a failed step…) are filled in. */
  readonly status?: AccessRequestStatus;
}

/**
 * Inserts access requests straight into the table, in as few statements as the parameter limit
 * allows (no submission, no audit): for listings that need hundreds of rows at chosen instants.
 * Returns the rows as stored.
 */
export async function insertTestAccessRequests(db: Db, requests: readonly TestAccessRequest[]) {
  const rows = requests.map(({ status = 'PENDING', createdAt, ...request }) => ({
    ...request,
    id: newId('acr'),
    status,
    createdAt,
    updatedAt: createdAt,
    rejectReason: status === 'REJECTED' ? 'test rejection' : null,
    failedStep: status === 'FAILED' ? ('CREATE_KEY' as const) : null,
    failureReason: status === 'FAILED' ? 'test failure' : null,
    revokedAt: status === 'REVOKED' ? createdAt : null,
  }));
  await insertMany(db, accessRequests, rows);
  if (rows.length === 0) return [];
  return db
    .select()
    .from(accessRequests)
    .where(
      inArray(
        accessRequests.id,
        rows.map((r) => r.id),
      ),
    );
}

/**
 * A bulk seed's statuses kept to the rule that an app holds one PENDING request per product (a
 * unique index): the first PENDING of each app and product stays, later ones are REJECTED. Call
 * once per seed; ask in the order the rows are inserted.
 */
export function onePendingPerAppAndProduct(): (
  request: Pick<TestAccessRequest, 'appId' | 'productId'>,
  status: AccessRequestStatus,
) => AccessRequestStatus {
  const pending = new Set<string>();
  return ({ appId, productId }, status) => {
    if (status !== 'PENDING') return status;
    const pair = `${appId} ${productId}`;
    if (pending.has(pair)) return 'REJECTED';
    pending.add(pair);
    return status;
  };
}
