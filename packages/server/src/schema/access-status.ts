import type { AccessRequest as AccessRequestModel, AccessRequestStatus, Actor, Core } from '@repo/core';
import { Repeater } from 'graphql-yoga';
import { AccessRequest, AccessRequestStatusEnum } from './access-requests.ts';
import { builder } from './builder.ts';

// Access request status over SSE, pushed: the database announces each status change as it commits
// (LISTEN/NOTIFY, from any replica) and the stream reads the request again only then.

const FINAL: ReadonlySet<AccessRequestStatus> = new Set(['APPROVED', 'REJECTED', 'FAILED', 'REVOKED']);

/**
 * The status now, then each change, ending after a final status; a request the caller cannot see
 * ends the stream at once. Subscribed before the first read, so no change is missed in between.
 */
function statusOf(core: Core, id: string, actor: Actor) {
  return new Repeater<AccessRequestModel>(async (push, stop) => {
    let done = false;
    let changed = false;
    let wake: (() => void) | undefined;
    void stop.then(() => {
      done = true;
    });
    const unsubscribe = await core.accessRequestEvents.subscribe(id, () => {
      changed = true;
      wake?.();
    });
    try {
      let last: string | undefined;
      while (!done) {
        changed = false;
        const request = await core.accessRequests.get(id, actor);
        if (!request) break;
        if (request.status !== last) {
          last = request.status;
          await push(request);
        }
        if (FINAL.has(request.status)) break;
        // A change heard during the read is read again at once; otherwise wait for the next.
        if (!changed) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stop]);
        wake = undefined;
      }
    } finally {
      unsubscribe();
      stop();
    }
  });
}

const StatusUpdate = builder.objectRef<AccessRequestModel>('AccessRequestStatusUpdate').implement({
  description: 'An access request whose status changed (the first event is its status then).',
  fields: (t) => ({
    status: t.expose('status', { type: AccessRequestStatusEnum, description: 'The status now.' }),
    accessRequest: t.field({
      type: AccessRequest,
      description: 'The request as it is now.',
      resolve: (request) => request,
    }),
  }),
});

builder.subscriptionField('accessRequestStatus', (t) =>
  t.withAuth({ loggedIn: true }).field({
    type: StatusUpdate,
    description:
      "An access request's status now, then each change as provisioning moves it (pushed as it commits, " +
      'from any replica); ends after APPROVED, REJECTED, FAILED or REVOKED. A request the caller cannot ' +
      'see ends the stream at once. A token holds at most 20 open subscriptions (TOO_MANY_SUBSCRIPTIONS).',
    args: {
      accessRequest: t.arg.globalID({ for: AccessRequest, required: true, description: 'The request.' }),
    },
    subscribe: (_root, args, ctx) =>
      ctx.subscriptions.hold(ctx.viewer.user.id, statusOf(ctx.core, args.accessRequest.id, ctx.viewer.actor)),
    resolve: (request) => request,
  }),
);
