import type {
  AccessRequest as AccessRequestModel,
  AccessRequestStatus,
  Actor,
  Core,
  DriftFinding,
} from '@repo/core';
import { Repeater } from 'graphql-yoga';
import { AccessRequest, AccessRequestStatusEnum } from './access-requests.ts';
import { builder } from './builder.ts';
import { Provider } from './providers.ts';
import { domainGraphQLError } from './user-errors.ts';

// Access request status over SSE, and drift between approvals and the Dashboard.

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

const DriftKind = builder.enumType('AccessDriftKind', {
  description: 'How the Dashboard differs from the desired state of access.',
  values: {
    MISSING_FROM_ALLOW_LIST: {
      description: "A live grant's certificate is missing from an API's allow list.",
    },
    EXTRA_ON_ALLOW_LIST: {
      description: 'An entry the portal placed is on an allow list although no live grant needs it any more.',
    },
    KEY_MISSING: { description: "A live grant's key is gone from the Dashboard." },
    KEY_NOT_EXPECTED: {
      description:
        'A key exists for a request that must have none (revoked, rejected, failed, or without a live certificate).',
    },
    BINDING_MISSING: { description: "The key lacks a binding to one of the grant's live certificates." },
    BINDING_EXTRA: { description: 'The key is bound to a certificate the grant no longer has live.' },
  } satisfies Record<DriftFinding['kind'], unknown>,
});

const Finding = builder.objectRef<DriftFinding>('AccessDriftFinding').implement({
  description: 'One way the Dashboard differs from the desired state of access.',
  fields: (t) => ({
    accessRequest: t.field({
      type: AccessRequest,
      nullable: true,
      description: 'The request concerned; null for an entry the portal placed that no request accounts for.',
      resolve: (f, _args, ctx) =>
        f.accessRequestId ? ctx.loaders.accessRequests.load(f.accessRequestId) : null,
    }),
    kind: t.expose('kind', { type: DriftKind, description: 'What differs.' }),
    apiId: t.exposeString('apiId', { nullable: true, description: 'The API, for allow-list findings.' }),
    certificateTykIds: t.stringList({
      description: 'The Tyk certificate ids concerned.',
      resolve: (f) => [...f.certificateIds],
    }),
  }),
});

builder.queryField('accessDrift', (t) =>
  t.field({
    type: [Finding],
    description:
      "Where a provider's Dashboard differs from the desired state of access, both ways: allow-list entries " +
      'missing or left behind, keys missing or left behind, bindings. Empty when it matches. Reads the ' +
      'Dashboard. Admins only.',
    authScopes: { admin: true },
    args: { provider: t.arg.globalID({ for: Provider, required: true, description: 'The provider.' }) },
    resolve: async (_root, args, ctx) => {
      const drift = await ctx.core.provisioning.drift(args.provider.id);
      if (!drift.ok) throw domainGraphQLError(drift.error);
      return drift.value;
    },
  }),
);

builder.mutationField('accessDriftFix', (t) =>
  t.withAuth({ admin: true }).field({
    type: [Finding],
    description:
      "Finds a provider's drift and queues the work that removes it (each request concerned converges, each API " +
      'with a left-behind entry is reconciled); answers the findings it queued work for. Admins only.',
    args: { provider: t.arg.globalID({ for: Provider, required: true, description: 'The provider.' }) },
    resolve: async (_root, args, ctx) => {
      const fixed = await ctx.core.provisioning.fixDrift(args.provider.id, ctx.viewer.actor);
      if (!fixed.ok) throw domainGraphQLError(fixed.error);
      return fixed.value;
    },
  }),
);
