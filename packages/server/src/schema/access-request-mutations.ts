import { type AccessRequestStateError, type DomainError, type Result, X509Error } from '@repo/core';
import { AccessRequest, AccessRequestStatusEnum } from './access-requests.ts';
import { App } from './apps.ts';
import { builder } from './builder.ts';
import { Certificate } from './certificates.ts';
import { payloadType } from './payloads.ts';
import { Plan } from './plans.ts';
import { Product } from './products.ts';
import { registerUserErrorType, settle, UserError, type UserErrorShape } from './user-errors.ts';

registerUserErrorType('ACCESS_REQUEST_STATE', 'AccessRequestStateError');
builder.objectRef<UserErrorShape<AccessRequestStateError>>('AccessRequestStateError').implement({
  description: 'The request is not in a state that allows the action (e.g. approving an approved one).',
  interfaces: [UserError],
  fields: (t) => ({
    status: t.field({
      type: AccessRequestStatusEnum,
      nullable: true,
      description: 'The status the request is in.',
      resolve: (e) => (e.error.context.status as never) ?? null,
    }),
  }),
});

const AccessRequestUploadInput = builder.inputType('AccessRequestUploadInput', {
  description: 'A new certificate for a Self-Serve request.',
  fields: (t) => ({
    pem: t.string({ required: true, description: 'The certificate, validated as an upload.' }),
    name: t.string({ description: 'Portal-only label of the new certificate.' }),
  }),
});

// @oneOf: giving both, or neither, is refused by validation before the resolver runs, so the
// resolver never has to pick one silently. `name` belongs to a new PEM only, hence `upload`.
const AccessRequestCertificateInput = builder.inputType('AccessRequestCertificateInput', {
  description:
    'The certificate of a Self-Serve request: exactly one of a new one (`upload`) or an existing one.',
  isOneOf: true,
  fields: (t) => ({
    upload: t.field({ type: AccessRequestUploadInput, description: 'A new certificate, with its label.' }),
    existing: t.globalID({ for: Certificate, description: "One of the organisation's certificates." }),
  }),
});

const AccessRequestSubmitInput = builder.inputType('AccessRequestSubmitInput', {
  description: 'An app asking for a product on a plan.',
  fields: (t) => ({
    app: t.globalID({ for: App, required: true, description: 'The app asking.' }),
    product: t.globalID({ for: Product, required: true, description: 'The product.' }),
    plan: t.globalID({ for: Plan, required: true, description: 'The plan.' }),
    certificate: t.field({
      type: AccessRequestCertificateInput,
      description: 'Self-Serve products only (required there); Managed products refuse one.',
    }),
  }),
});

const requestInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      accessRequest: t.globalID({ for: AccessRequest, required: true, description: 'The request.' }),
    }),
  });

const AccessRequestRejectInput = builder.inputType('AccessRequestRejectInput', {
  description: 'A request to refuse, with the reason its consumer will read.',
  fields: (t) => ({
    accessRequest: t.globalID({ for: AccessRequest, required: true, description: 'The request.' }),
    reason: t.string({ required: true, description: 'Why, 1 to 2000 characters.' }),
  }),
});

const AccessRequestChangePlanInput = builder.inputType('AccessRequestChangePlanInput', {
  description: 'An approved request and the plan it moves to.',
  fields: (t) => ({
    accessRequest: t.globalID({ for: AccessRequest, required: true, description: 'The APPROVED request.' }),
    plan: t.globalID({ for: Plan, required: true, description: 'The new plan.' }),
  }),
});

const requestPayload = (name: string, description: string) =>
  payloadType(name, {
    description,
    field: 'accessRequest',
    type: AccessRequest,
    fieldDescription: 'The request.',
  });

/** Core names the existing certificate `certificateId` and the new one `pem`; a bad PEM has no path of its own. */
function submitted<T>(result: Result<T, DomainError>) {
  const settled = settle(result);
  for (const e of settled.userErrors) {
    const at = e as { path: readonly string[] | null };
    if (e.error instanceof X509Error && !e.error.path) at.path = ['input', 'certificate', 'upload', 'pem'];
    else
      at.path =
        e.path?.flatMap((p) =>
          p === 'certificateId' ? ['existing'] : p === 'pem' ? ['upload', 'pem'] : [p],
        ) ?? null;
  }
  return settled;
}

type Decision = 'approve' | 'retry' | 'reprovision' | 'revoke';
const DECISIONS: Record<Decision, [string, string]> = {
  approve: ['Approves a PENDING request: it becomes PROVISIONING and the worker provisions it.', 'approved'],
  retry: ['Re-runs the provisioning of a FAILED request from the failed step.', 'retried'],
  reprovision: [
    "Brings an APPROVED request's allow lists and key up to date (Managed: the organisation's certificates now).",
    're-provisioned',
  ],
  revoke: [
    'Withdraws an APPROVED (or FAILED) request: it becomes REVOKED and its credential ends at once; its key and ' +
      'the allow-list entries no other grant needs are then removed from the Dashboard.',
    'revoked',
  ],
};

builder.mutationFields((t) => ({
  accessRequestSubmit: t.withAuth({ loggedIn: true }).field({
    type: requestPayload('AccessRequestSubmitPayload', 'The submitted request, or why not.'),
    description:
      "Submits a request for one of the caller's organisation's apps (admins: any app); it waits PENDING.",
    args: { input: t.arg({ type: AccessRequestSubmitInput, required: true, description: 'The request.' }) },
    resolve: async (_root, { input }, ctx) => {
      const given = input.certificate;
      const certificate = given?.existing
        ? { certificateId: given.existing.id }
        : given?.upload
          ? { pem: given.upload.pem, name: given.upload.name ?? undefined }
          : undefined;
      const input_ = { appId: input.app.id, productId: input.product.id, planId: input.plan.id, certificate };
      return submitted(await ctx.core.accessRequests.submit(input_, ctx.viewer.actor));
    },
  }),
  accessRequestReject: t.withAuth({ admin: true }).field({
    type: requestPayload('AccessRequestRejectPayload', 'The rejected request, or why not.'),
    description:
      'Refuses a PENDING or FAILED request with a reason; what a FAILED one left in the Dashboard is removed. Admins only.',
    args: { input: t.arg({ type: AccessRequestRejectInput, required: true, description: 'The request.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.accessRequests.reject(input.accessRequest.id, input.reason, ctx.viewer.actor), {
        subject: 'accessRequest',
      }),
  }),
  accessRequestChangePlan: t.withAuth({ admin: true }).field({
    type: requestPayload('AccessRequestChangePlanPayload', 'The request on its new plan, or why not.'),
    description:
      "Moves an APPROVED request to another plan: it becomes PROVISIONING and the worker rewrites its key's rate " +
      'limit and quota in place, so the token stays the same. Admins only.',
    args: {
      input: t.arg({
        type: AccessRequestChangePlanInput,
        required: true,
        description: 'The request and plan.',
      }),
    },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.accessRequests.changePlan(input.accessRequest.id, input.plan.id, ctx.viewer.actor),
        { subject: 'accessRequest' },
      ),
  }),
  ...Object.fromEntries(
    (Object.entries(DECISIONS) as [Decision, [string, string]][]).map(([action, [description, done]]) => {
      const name = `AccessRequest${action[0]!.toUpperCase()}${action.slice(1)}`;
      const field = t.withAuth({ admin: true }).field({
        type: requestPayload(`${name}Payload`, `The ${done} request, or why not.`),
        description: `${description} Admins only.`,
        args: {
          input: t.arg({
            type: requestInput(`${name}Input`, 'The request.'),
            required: true,
            description: 'The request.',
          }),
        },
        resolve: async (_root, { input }, ctx) =>
          settle(await ctx.core.accessRequests[action](input.accessRequest.id, ctx.viewer.actor), {
            subject: 'accessRequest',
          }),
      });
      return [`accessRequest${name.slice('AccessRequest'.length)}`, field];
    }),
  ),
}));
