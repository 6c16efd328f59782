import {
  type AccessLossReason,
  type AccessRequest as AccessRequestModel,
  type AccessRequestStatus,
  type Credential as CredentialModel,
  credentialSource,
  ID_PREFIXES,
  type ProvisioningStep,
} from '@repo/core';
import type { Context } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { App } from './apps.ts';
import { builder } from './builder.ts';
import { Certificate } from './certificates.ts';
import { Plan } from './plans.ts';
import { CredentialSourceEnum, Product } from './products.ts';
import { registerNodeIdPrefix } from './user-errors.ts';
import { User } from './users.ts';

export const AccessRequest = builder.objectRef<AccessRequestModel>('AccessRequest');
export const Credential = builder.objectRef<CredentialModel>('Credential');
registerNodeIdPrefix(ID_PREFIXES.accessRequest, 'AccessRequest');

export const AccessRequestStatusEnum = builder.enumType('AccessRequestStatus', {
  description: 'Where an access request stands.',
  values: {
    PENDING: { description: 'Submitted; waits for an admin to approve or reject it.' },
    PROVISIONING: {
      description: 'Approved (or being re-provisioned): the Dashboard is being written.',
    },
    APPROVED: { description: 'Provisioned: certificates allow-listed, key issued (see `credentials`).' },
    REJECTED: { description: 'Refused by an admin (see `rejectReason`).' },
    FAILED: {
      description: 'A provisioning step failed (see `failedStep`, `failureReason`); an admin retries.',
    },
    REVOKED: {
      description:
        'Access withdrawn by an admin: its credential ended at once; the key and its allow-list entries are removed ' +
        'from the Dashboard behind it (see `accessDrift` while the Dashboard is down).',
    },
  } satisfies Record<AccessRequestStatus, unknown>,
});

const AccessLossReasonEnum = builder.enumType('AccessLossReason', {
  description:
    'Why an APPROVED request lost access: none of its certificates is live, so its allow-list entries and key ' +
    'were withdrawn. Access comes back by itself when one is live again (restored, re-associated).',
  values: {
    CERTIFICATE_DELETED: {
      description: 'Its certificate is gone from the Dashboard (soft-deleted or deleted).',
    },
    CERTIFICATE_SUSPENDED: {
      description:
        'An admin suspended its certificates (`certificateSuspend`); resuming one restores access.',
    },
    CERTIFICATE_EXPIRED: { description: 'Its certificate has expired.' },
    CERTIFICATE_NOT_YET_VALID: { description: 'Its certificate is not valid yet.' },
    CERTIFICATE_LEFT_ORGANISATION: {
      description:
        "Its certificate is no longer associated with the app's organisation (or is a CA no longer trusted there).",
    },
  } satisfies Record<AccessLossReason, unknown>,
});

const ProvisioningStepEnum = builder.enumType('ProvisioningStep', {
  description: 'The steps of provisioning an approval, in order.',
  values: {
    RESOLVE_CERTIFICATES: { description: 'Choosing (and registering) the certificates to allow.' },
    UPDATE_ALLOW_LISTS: { description: "Adding them to every API's allow list." },
    CREATE_KEY: { description: 'Creating (or updating, or deleting) the key in the Dashboard.' },
    STORE_CREDENTIAL: { description: "Keeping the key's token for the organisation." },
  } satisfies Record<ProvisioningStep, unknown>,
});

builder.node(AccessRequest, {
  description: "An app's request for a product on a plan, and the state of its provisioning.",
  id: { resolve: (request) => request.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.accessRequests, ids),
  fields: (t) => ({
    app: t.field({
      type: App,
      description: 'The app asking.',
      resolve: async (r, _args, ctx) => (await ctx.loaders.apps.load(r.appId))!,
    }),
    product: t.field({
      type: Product,
      description: 'The product asked for.',
      resolve: async (r, _args, ctx) => (await ctx.loaders.products.load(r.productId))!,
    }),
    plan: t.field({
      type: Plan,
      description: 'The plan asked for.',
      resolve: async (r, _args, ctx) => (await ctx.loaders.plans.load(r.planId))!,
    }),
    certificate: t.field({
      type: Certificate,
      nullable: true,
      description: "Self-Serve only: the request's certificate. Managed requests use the organisation's.",
      resolve: (r, _args, ctx) => (r.certificateId ? ctx.loaders.certificates.load(r.certificateId) : null),
    }),
    status: t.expose('status', { type: AccessRequestStatusEnum, description: 'Where it stands.' }),
    failedStep: t.expose('failedStep', {
      type: ProvisioningStepEnum,
      nullable: true,
      description: 'Set when FAILED: the step that failed; a retry resumes there.',
    }),
    failureReason: t.exposeString('failureReason', { nullable: true, description: 'Set when FAILED: why.' }),
    rejectReason: t.exposeString('rejectReason', {
      nullable: true,
      description: "Set when REJECTED: the admin's reason.",
    }),
    decidedBy: t.field({
      type: User,
      nullable: true,
      description: 'The admin who approved or rejected it (null for consumers, who do not see admins).',
      resolve: (r, _args, ctx) => (r.decidedById ? ctx.loaders.users.load(r.decidedById) : null),
    }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true, description: 'When decided.' }),
    approvedAt: t.expose('approvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When provisioning finished and it became APPROVED.',
    }),
    attempts: t.exposeInt('attempts', {
      description:
        'Provisioning attempts started so far (approval, retries, re-provisions), the one under way included.',
    }),
    accessLostReason: t.expose('accessLostReason', {
      type: AccessLossReasonEnum,
      nullable: true,
      description: 'Set while an APPROVED request has lost access: why. Null when it has access.',
    }),
    accessLostAt: t.expose('accessLostAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Set while an APPROVED request has lost access: since when.',
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Set when REVOKED: when an admin withdrew access.',
    }),
    credentialSource: t.field({
      type: CredentialSourceEnum,
      description:
        "Where its token comes from: PORTAL_KEY, issued on approval (see `credentials`); CONSUMER_JWT, the consumer's own JWT (no credential is issued).",
      resolve: async (r, _args, ctx) =>
        credentialSource((await ctx.loaders.products.load(r.productId))!.authType),
    }),
    credentials: t.field({
      type: [Credential],
      description: 'The keys its approvals issued, oldest first; at most one is live.',
      resolve: async (r, _args, ctx) => [...(await ctx.loaders.credentials.load(r.id))],
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was submitted.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

/** A credential's global id names its request too: credentials are read through their request. */
const SEPARATOR = '.';

async function loadCredential(ctx: Context, id: string): Promise<CredentialModel | null> {
  const [requestId, credentialId] = id.split(SEPARATOR);
  if (!requestId || !credentialId) return null;
  const list = await ctx.loaders.credentials.load(requestId);
  return list.find((c) => c.id === credentialId) ?? null;
}

builder.node(Credential, {
  description:
    'A key an approval issued in the Dashboard. Its token is shown only to consumers of the owning organisation.',
  id: { resolve: (c) => `${c.accessRequestId}${SEPARATOR}${c.id}` },
  loadMany: (ids, ctx) => Promise.all(ids.map((id) => loadCredential(ctx, id))),
  fields: (t) => ({
    accessRequest: t.field({
      type: AccessRequest,
      description: 'The request it was issued for.',
      resolve: async (c, _args, ctx) => (await ctx.loaders.accessRequests.load(c.accessRequestId))!,
    }),
    token: t.exposeString('token', {
      nullable: true,
      description:
        'What to send in `Authorization`; null unless the caller is a consumer of the owning organisation.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'Null: never.' }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the key was deleted from the Dashboard.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was issued.' }),
  }),
});
