import { viewerOf } from '../context.ts';
import { AccessRequest, AccessRequestStatusEnum } from './access-requests.ts';
import { App } from './apps.ts';
import { builder } from './builder.ts';
import { arrayConnection } from './connections.ts';
import { Product } from './products.ts';

const AccessRequestConnection = builder.connectionObject(
  { type: AccessRequest, name: 'AccessRequestConnection', description: 'A page of access requests.' },
  { name: 'AccessRequestEdge', description: 'An access request in a page, with its cursor.' },
);

const AccessRequestFilter = builder.inputType('AccessRequestFilter', {
  description: 'Which access requests to list.',
  fields: (t) => ({
    status: t.field({ type: AccessRequestStatusEnum, description: 'Only requests with this status.' }),
    app: t.globalID({ for: App, description: "Only this app's requests." }),
    product: t.globalID({ for: Product, description: 'Only requests for this product.' }),
  }),
});

builder.queryField('accessRequests', (t) =>
  t.connection(
    {
      type: AccessRequest,
      description:
        "The 500 most recent access requests, newest first: every one for admins, its own organisation's " +
        'for a consumer.',
      args: { filter: t.arg({ type: AccessRequestFilter, description: 'Which requests to list.' }) },
      resolve: async (_root, args, ctx) => {
        const filter = args.filter;
        const requests = await ctx.core.accessRequests.list(
          {
            status: filter?.status ?? undefined,
            appId: filter?.app?.id,
            productId: filter?.product?.id,
            limit: 500,
          },
          viewerOf(ctx).actor,
        );
        return arrayConnection(args, requests);
      },
    },
    AccessRequestConnection,
  ),
);
