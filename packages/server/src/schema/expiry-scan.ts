import type { ExpiryImpact as ExpiryImpactModel, ExpiryScanResult } from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { AccessRequest } from './access-requests.ts';
import { App } from './apps.ts';
import { builder } from './builder.ts';
import { Certificate } from './certificates.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { Organisation } from './organisations.ts';
import { payloadType } from './payloads.ts';
import { Product } from './products.ts';
import { settle } from './user-errors.ts';

const ExpiryScan = builder.objectRef<ExpiryScanResult>('ExpiryScan').implement({
  description:
    'One expiry scan: certificates that entered EXPIRING_SOON or EXPIRED since the last, each recorded ' +
    'once as a `certificate.expiring_soon` / `certificate.expired` audit event with what it affects.',
  fields: (t) => ({
    ran: t.exposeBoolean('ran', {
      description: 'False when another scan (here or on another server) was running: this one did nothing.',
    }),
    at: t.expose('at', { type: 'DateTime', description: 'The instant statuses were computed for.' }),
    expiringSoon: t.int({
      description: 'Certificates newly recorded as EXPIRING_SOON.',
      resolve: (scan) => scan.transitions.filter((c) => c.status === 'EXPIRING_SOON').length,
    }),
    expired: t.int({
      description: 'Certificates newly recorded as EXPIRED.',
      resolve: (scan) => scan.transitions.filter((c) => c.status === 'EXPIRED').length,
    }),
  }),
});

builder.mutationField('expiryScanRun', (t) =>
  t.withAuth({ admin: true }).field({
    type: payloadType('ExpiryScanRunPayload', {
      description: 'The scan, or why it did not run.',
      field: 'expiryScan',
      type: ExpiryScan,
      fieldDescription: 'What the scan recorded.',
    }),
    description:
      'Runs the daily expiry scan now (the server also runs it daily); read what it recorded with ' +
      '`auditEvents(filter: { action: "certificate.expired" })`. Admins only.',
    resolve: async (_root, _args, ctx) => settle(await ctx.core.expiry.scan(undefined, ctx.viewer.actor)),
  }),
);

const ExpiryImpact = builder.objectRef<ExpiryImpactModel>('CertificateExpiryImpact').implement({
  description:
    'A certificate that expires within the window asked, and what loses access when it does: the typed ' +
    'form of what the expiry scan records in its audit events.',
  fields: (t) => ({
    certificate: t.field({
      type: Certificate,
      description: 'The certificate.',
      resolve: async (i, _args, ctx) => (await ctx.loaders.certificates.load(i.certificateId))!,
    }),
    notAfter: t.expose('notAfter', { type: 'DateTime', description: 'When it expires.' }),
    daysLeft: t.exposeInt('daysLeft', {
      description: 'Whole days until then, rounded down (0: within a day).',
    }),
    accessRequests: t.field({
      type: [AccessRequest],
      description:
        'Requests that name it and have not ended (their credentials are the keys that stop working).',
      resolve: async (i, _args, ctx) =>
        (await loadAll(ctx.loaders.accessRequests, i.accessRequestIds)).filter((x) => x !== null),
    }),
    products: t.field({
      type: [Product],
      description: 'Their products.',
      resolve: async (i, _args, ctx) =>
        (await loadAll(ctx.loaders.products, i.productIds)).filter((x) => x !== null),
    }),
    apiIds: t.exposeStringList('apiIds', { description: "The products' Dashboard API ids, each once." }),
    apps: t.field({
      type: [App],
      description: 'The apps of those requests.',
      resolve: async (i, _args, ctx) => (await loadAll(ctx.loaders.apps, i.appIds)).filter((x) => x !== null),
    }),
    organisations: t.field({
      type: [Organisation],
      description: 'Their organisations.',
      resolve: async (i, _args, ctx) =>
        (await loadAll(ctx.loaders.organisations, i.organisationIds)).filter((x) => x !== null),
    }),
    liveKeys: t.exposeInt('liveKeys', {
      description: 'Live credentials (Dashboard keys) of those requests.',
    }),
  }),
});

const ExpiryImpactConnection = builder.connectionObject(
  {
    type: ExpiryImpact,
    name: 'CertificateExpiryImpactConnection',
    description: 'A page of certificates that expire within a window.',
  },
  { name: 'CertificateExpiryImpactEdge', description: 'An expiring certificate in a page, with its cursor.' },
);

builder.queryField('expiringCertificates', (t) =>
  t.field({
    authScopes: { admin: true },
    type: ExpiryImpactConnection,
    description:
      'Live certificates, valid now, that expire within `withinDays`, soonest first, with the requests, ' +
      'products, APIs, apps, organisations and keys that lose access. Admins only. Pages forwards ' +
      '(`first`, `after`).',
    args: {
      ...forwardPageArgs(t.arg),
      withinDays: t.arg.int({ required: true, description: 'The window, 1 to 3,650 days.' }),
    },
    resolve: async (_root, args, ctx) =>
      keysetPageConnection(
        args,
        await ctx.core.expiry.expiring(args.withinDays, forwardPage(args), viewerOf(ctx).actor),
      ),
  }),
);
