// Guided rotation (core's certificate-rotation.ts): start, complete and cancel, each answering the
// rotation and, per grant it touches, the APIs, whether the key is bound, and the certificates
// there before and after the step.
import {
  ID_PREFIXES,
  type RotationGrantChange,
  type Rotation as RotationModel,
  type RotationStep,
} from '@repo/core';
import { viewerOf } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { AccessRequest } from './access-requests.ts';
import { builder } from './builder.ts';
import { Certificate } from './certificates.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { payloadType } from './payloads.ts';
import { registerNodeIdPrefix, settle } from './user-errors.ts';

registerNodeIdPrefix(ID_PREFIXES.rotation, 'CertificateRotation');

const RotationStatus = builder.enumType('CertificateRotationStatus', {
  description: 'Where a rotation stands.',
  values: {
    REQUESTED: {
      description: "A consumer asked to rotate its Self-Serve certificate; it waits for an admin's approval.",
    },
    OVERLAP: { description: 'Both certificates are allow-listed and bound: the Gateway admits either.' },
    COMPLETED: { description: 'The old certificate left its grants and organisations; the new one stays.' },
    CANCELLED: { description: 'The new certificate left the grants it joined; the old one stays.' },
  } as const,
});

export const CertificateRotation = builder.objectRef<RotationModel>('CertificateRotation');

builder.node(CertificateRotation, {
  description: 'A certificate being replaced by another, with an overlap in which both are admitted.',
  id: { resolve: (r) => r.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.rotations, ids),
  fields: (t) => ({
    from: t.field({
      type: Certificate,
      nullable: true,
      description: 'The certificate being replaced.',
      resolve: (r, _args, ctx) => ctx.loaders.certificates.load(r.fromCertificateId),
    }),
    to: t.field({
      type: Certificate,
      nullable: true,
      description: 'Its replacement; null while REQUESTED (stored on approval).',
      resolve: (r, _args, ctx) =>
        r.toCertificateId ? ctx.loaders.certificates.load(r.toCertificateId) : null,
    }),
    status: t.expose('status', { type: RotationStatus, description: 'Where it stands.' }),
    accessRequests: t.field({
      type: [AccessRequest],
      description: 'The grants that had the old certificate when it started.',
      resolve: async (r, _args, ctx) =>
        (await loadAll(ctx.loaders.accessRequests, r.accessRequestIds)).filter((x) => x !== null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it started.' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true, description: 'When it ended.' }),
  }),
});

const GrantChange = builder.objectRef<RotationGrantChange>('CertificateRotationGrantChange').implement({
  description: 'One grant a rotation step touches, and the certificates there before and after it converges.',
  fields: (t) => ({
    accessRequest: t.field({
      type: AccessRequest,
      nullable: true,
      description: 'The grant.',
      resolve: (c, _args, ctx) => ctx.loaders.accessRequests.load(c.accessRequestId),
    }),
    apiIds: t.exposeStringList('apiIds', {
      description: "Its product's Dashboard APIs (their allow lists).",
    }),
    keyBound: t.exposeBoolean('keyBound', { description: 'Its key is bound to its certificates.' }),
    before: t.exposeStringList('before', {
      description: 'Tyk ids of its live certificates before the step.',
    }),
    after: t.exposeStringList('after', { description: 'And after it (what convergence writes).' }),
  }),
});

const Step = builder.objectRef<RotationStep>('CertificateRotationStep').implement({
  description: 'A rotation after one step, and what the step changes.',
  fields: (t) => ({
    rotation: t.expose('rotation', { type: CertificateRotation, description: 'The rotation now.' }),
    changes: t.expose('changes', { type: [GrantChange], description: 'Each grant it touches.' }),
  }),
});

const stepPayload = (name: string, description: string) =>
  payloadType(name, { description, field: 'step', type: Step, fieldDescription: 'The step.' });

const StartInput = builder.inputType('CertificateRotationStartInput', {
  description: 'The certificate to replace, and its replacement: a stored certificate or a new PEM.',
  fields: (t) => ({
    from: t.globalID({ for: Certificate, required: true, description: 'The certificate to replace.' }),
    to: t.globalID({
      for: Certificate,
      description: 'A stored certificate associated with every organisation of `from`…',
    }),
    pem: t.string({ description: "…or a new PEM, uploaded with `from`'s organisations." }),
    name: t.string({ description: 'A portal name for an uploaded PEM.' }),
  }),
});

const RotationInput = builder.inputType('CertificateRotationInput', {
  description: 'A rotation in its overlap.',
  fields: (t) => ({
    rotation: t.globalID({ for: CertificateRotation, required: true, description: 'The rotation.' }),
  }),
});

const onRotation = { subject: 'rotation', fields: { rotationId: 'rotation' } };

builder.mutationFields((t) => ({
  certificateRotationStart: t.withAuth({ loggedIn: true }).field({
    type: stepPayload('CertificateRotationStartPayload', 'The rotation, or why not.'),
    description:
      'Starts rotating a certificate: the new one joins every grant of the old, so both are allow-listed and ' +
      'bound and the Gateway admits either with the same token. Admins rotate any certificate at once. A ' +
      "consumer may rotate its organisation's Self-Serve certificate with a new `pem`: the rotation waits " +
      'REQUESTED until an admin approves it (`certificateRotationApprove`).',
    args: { input: t.arg({ type: StartInput, required: true, description: 'The two certificates.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.certificates.startRotation(
          {
            fromId: input.from.id,
            ...(input.to ? { toId: input.to.id } : {}),
            ...(input.pem != null ? { pem: input.pem } : {}),
            ...(input.name ? { name: input.name } : {}),
          },
          ctx.viewer.actor,
        ),
        {
          fields: { fromId: 'from', toId: 'to' },
          fallback: (e) => (e.code.startsWith('PEM_') ? 'pem' : undefined),
        },
      ),
  }),
  certificateRotationApprove: t.withAuth({ admin: true }).field({
    type: stepPayload('CertificateRotationApprovePayload', 'The rotation in its overlap, or why not.'),
    description:
      "Approves a consumer's REQUESTED rotation: the new certificate is stored with the old one's " +
      'organisations and joins its grants (the overlap starts). Admins only.',
    args: { input: t.arg({ type: RotationInput, required: true, description: 'The rotation.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.certificates.approveRotation(input.rotation.id, ctx.viewer.actor), onRotation),
  }),
  certificateRotationComplete: t.withAuth({ admin: true }).field({
    type: stepPayload('CertificateRotationCompletePayload', 'The completed rotation, or why not.'),
    description:
      'Ends the overlap: the old certificate leaves every grant and the organisations it served (a later ' +
      're-provision does not bring it back). Admins only.',
    args: { input: t.arg({ type: RotationInput, required: true, description: 'The rotation.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.certificates.completeRotation(input.rotation.id, ctx.viewer.actor), onRotation),
  }),
  certificateRotationCancel: t.withAuth({ admin: true }).field({
    type: stepPayload('CertificateRotationCancelPayload', 'The cancelled rotation, or why not.'),
    description:
      'Abandons the overlap (the new certificate leaves the grants it joined), or declines a REQUESTED ' +
      'rotation. Admins only.',
    args: { input: t.arg({ type: RotationInput, required: true, description: 'The rotation.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.certificates.cancelRotation(input.rotation.id, ctx.viewer.actor), onRotation),
  }),
}));

const CertificateRotationConnection = builder.connectionObject(
  { type: CertificateRotation, name: 'CertificateRotationConnection', description: 'A page of rotations.' },
  { name: 'CertificateRotationEdge', description: 'A rotation in a page, with its cursor.' },
);

const RotationFilter = builder.inputType('CertificateRotationFilter', {
  description: 'Which rotations to list.',
  fields: (t) => ({
    status: t.field({ type: [RotationStatus], description: 'Only rotations in any of these states.' }),
    from: t.globalID({ for: Certificate, description: 'Only rotations that replace this certificate.' }),
    to: t.globalID({ for: Certificate, description: 'Only rotations that bring this certificate in.' }),
  }),
});

builder.queryField('certificateRotations', (t) =>
  t.field({
    authScopes: { loggedIn: true },
    type: CertificateRotationConnection,
    description:
      'Rotations, newest first: all for admins; for a consumer, those of the certificates its ' +
      'organisation sees (its own requests to rotate, and what became of them). Pages forwards ' +
      '(`first`, `after`).',
    args: {
      ...forwardPageArgs(t.arg),
      filter: t.arg({ type: RotationFilter, description: 'Which rotations to list.' }),
    },
    resolve: async (_root, args, ctx) => {
      const page = forwardPage(args);
      const filter = {
        status: args.filter?.status ?? undefined,
        fromCertificateId: args.filter?.from?.id,
        toCertificateId: args.filter?.to?.id,
      };
      return keysetPageConnection(
        args,
        await ctx.core.certificates.rotations(filter, page, viewerOf(ctx).actor),
      );
    },
  }),
);
