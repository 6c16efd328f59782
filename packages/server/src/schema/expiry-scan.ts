import type { ExpiryScanResult } from '@repo/core';
import { builder } from './builder.ts';
import { payloadType } from './payloads.ts';
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
