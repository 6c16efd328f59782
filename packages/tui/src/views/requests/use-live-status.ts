// An access request's status over SSE (`accessRequestStatus`): its status now, then each change,
// until it settles (the server ends the stream then).
import { useEffect } from 'react';
import { useApp } from '../../app-context.ts';
import {
  type AccessRequestRow,
  AccessRequestStatusSubscription,
} from '../../graphql/operations/access-requests.ts';

export const SETTLED = new Set(['APPROVED', 'REJECTED', 'FAILED', 'REVOKED']);

/** Calls `onUpdate` with each version of the request while `id` is set. */
export function useLiveStatus(id: string | null, onUpdate: (request: AccessRequestRow) => void): void {
  const { client } = useApp();
  useEffect(() => {
    if (!id) return;
    const { unsubscribe } = client
      .subscription(AccessRequestStatusSubscription, { id })
      .subscribe((result) => {
        const update = result.data?.accessRequestStatus;
        if (update) onUpdate(update.accessRequest);
      });
    return unsubscribe; // aborts the SSE response safely (graphql/sse-safe-fetch.ts)
  }, [client, id, onUpdate]);
}
