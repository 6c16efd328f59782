import { viewerOf } from '../context.ts';
import { AccessRequest, AccessRequestStatusEnum } from './access-requests.ts';
import { App } from './apps.ts';
import { builder } from './builder.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { Organisation } from './organisations.ts';
import { Product } from './products.ts';

const AccessRequestConnection = builder.connectionObject(
  { type: AccessRequest, name: 'AccessRequestConnection', description: 'A page of access requests.' },
  { name: 'AccessRequestEdge', description: 'An access request in a page, with its cursor.' },
);

const AccessRequestFilter = builder.inputType('AccessRequestFilter', {
  description: 'Which access requests to list; every field given must hold.',
  fields: (t) => ({
    organisation: t.globalID({
      for: Organisation,
      description: "Only this organisation's requests (a consumer naming another's gets none).",
    }),
    app: t.globalID({ for: App, description: "Only this app's requests." }),
    product: t.globalID({ for: Product, description: 'Only requests for this product.' }),
    status: t.field({
      type: [AccessRequestStatusEnum],
      description: 'Only requests with any of these statuses (one may be given bare).',
    }),
    createdFrom: t.field({
      type: 'DateTime',
      description: 'Only requests created at or after this instant.',
    }),
    createdTo: t.field({
      type: 'DateTime',
      description: 'Only requests created before this instant, so consecutive ranges do not overlap.',
    }),
  }),
});

builder.queryField('accessRequests', (t) => {
  return t.field({
    type: AccessRequestConnection,
    description:
      "Access requests, newest first: every one for admins, its own organisation's for a consumer. " +
      'Pages forwards (`first`, `after`).',
    args: {
      ...forwardPageArgs(t.arg),
      filter: t.arg({ type: AccessRequestFilter, description: 'Which requests to list.' }),
    },
    resolve: async (_root, args, ctx) => {
      const page = forwardPage(args);
      const f = args.filter;
      const filter = {
        organisationId: f?.organisation?.id,
        appId: f?.app?.id,
        productId: f?.product?.id,
        status: f?.status ?? undefined,
        createdFrom: f?.createdFrom ?? undefined,
        createdTo: f?.createdTo ?? undefined,
      };
      return keysetPageConnection(
        args,
        await ctx.core.accessRequests.list(filter, page, viewerOf(ctx).actor),
      );
    },
  });
});
