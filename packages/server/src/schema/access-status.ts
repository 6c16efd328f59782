import type { AccessRequest as AccessRequestModel, AccessRequestStatus, Actor, Core } from '@repo/core';
import { Repeater } from 'graphql-yoga';
import { AccessRequest, AccessRequestStatusEnum } from './access-requests.ts';
import { builder } from './builder.ts';

// Access request status over SSE.

const FINAL: ReadonlySet<AccessRequestStatus> = new Set(['APPROVED', 'REJECTED', 'FAILED', 'REVOKED']);
/** How often a followed request is read again (core has no event bus for requests). */
export const STATUS_POLL_MS = 300;

/**
 * Polls core: the status now, then each change, ending after a final status. Works whichever
 * server process (or replica) provisions the request; a request the caller cannot see ends at once.
 */
function statusOf(core: Core, id: string, actor: Actor) {
  return new Repeater<AccessRequestModel>(async (push, stop) => {
    let last: string | undefined;
    let done = false;
    void stop.then(() => {
      done = true;
    });
    while (!done) {
      const request = await core.accessRequests.get(id, actor);
      if (!request) break;
      if (request.status !== last) {
        last = request.status;
        await push(request);
      }
      if (FINAL.has(request.status)) break;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS)), stop]);
    }
    stop();
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
      "An access request's status now, then each change as provisioning moves it; ends after APPROVED, " +
      'REJECTED, FAILED or REVOKED. A request the caller cannot see ends the stream at once.',
    args: {
      accessRequest: t.arg.globalID({ for: AccessRequest, required: true, description: 'The request.' }),
    },
    subscribe: (_root, args, ctx) => statusOf(ctx.core, args.accessRequest.id, ctx.viewer.actor),
    resolve: (request) => request,
  }),
);
