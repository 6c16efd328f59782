import type { UploadResult } from '@repo/core';
import { builder } from './builder.ts';
import { pemFallback } from './certificate-inspect.ts';
import { Certificate } from './certificates.ts';
import { Organisation } from './organisations.ts';
import { payloadType } from './payloads.ts';
import { Provider } from './providers.ts';
import { settle, USER_ERRORS_DOC, UserError, type UserErrorShape } from './user-errors.ts';

const certificatePayload = (name: string, description: string) =>
  payloadType(name, {
    description,
    field: 'certificate',
    type: Certificate,
    fieldDescription: 'The certificate.',
  });

const UploadOutcome = builder.enumType('CertificateUploadOutcome', {
  description: "What an upload did with the portal's record.",
  values: {
    CREATED: { description: 'A new record.' },
    RESTORED: { description: 'A soft-deleted record came back, with its name and organisations.' },
    UPDATED: { description: 'The live record of the same certificate was refreshed.' },
  } as const,
});

const CertificateUploadInput = builder.inputType('CertificateUploadInput', {
  description: "A certificate to register in a provider's store.",
  fields: (t) => ({
    provider: t.globalID({ for: Provider, required: true, description: 'The store to register it in.' }),
    pem: t.string({ required: true, description: 'One leaf certificate, optionally followed by its chain.' }),
    name: t.string({ description: 'Portal-only label; omitted keeps an existing one.' }),
    organisations: t.globalIDList({
      for: Organisation,
      description: 'Organisations to associate; omitted keeps existing ones.',
    }),
  }),
});

interface Uploaded {
  readonly value: UploadResult | null;
  readonly userErrors: readonly UserErrorShape[];
}

const CertificateUploadPayload = builder.objectRef<Uploaded>('CertificateUploadPayload').implement({
  description: 'The stored certificate and what the upload did, or why nothing was stored.',
  fields: (t) => ({
    certificate: t.field({
      type: Certificate,
      nullable: true,
      description: 'The stored certificate.',
      resolve: (p) => p.value?.certificate ?? null,
    }),
    outcome: t.field({
      type: UploadOutcome,
      nullable: true,
      description: 'What happened to the record.',
      resolve: (p) => p.value?.outcome ?? null,
    }),
    alreadyInDashboard: t.boolean({
      nullable: true,
      description: 'The Dashboard already held it ("already exists" counts as success).',
      resolve: (p) => p.value?.alreadyInDashboard ?? null,
    }),
    userErrors: t.expose('userErrors', { type: [UserError], description: USER_ERRORS_DOC }),
  }),
});

const CertificateRenameInput = builder.inputType('CertificateRenameInput', {
  description: "A certificate's new portal-only name.",
  fields: (t) => ({
    certificate: t.globalID({ for: Certificate, required: true, description: 'The certificate.' }),
    name: t.string({ description: 'The new name, 1 to 200 characters; null clears it.' }),
  }),
});

const CertificateSetOrganisationsInput = builder.inputType('CertificateSetOrganisationsInput', {
  description: 'The organisations a certificate is associated with (Managed mode).',
  fields: (t) => ({
    certificate: t.globalID({ for: Certificate, required: true, description: 'The certificate.' }),
    organisations: t.globalIDList({
      for: Organisation,
      required: true,
      description: 'Every organisation it should be associated with; replaces the current set.',
    }),
  }),
});

const CertificateSetTrustedIssuerInput = builder.inputType('CertificateSetTrustedIssuerInput', {
  description: 'Whether a CA certificate is a trusted issuer for one of its organisations.',
  fields: (t) => ({
    certificate: t.globalID({ for: Certificate, required: true, description: 'The CA certificate.' }),
    organisation: t.globalID({
      for: Organisation,
      required: true,
      description: 'An organisation the certificate is associated with.',
    }),
    trusted: t.boolean({ required: true, description: 'True to trust it as an issuer, false to stop.' }),
  }),
});

const CertificateDeleteInput = builder.inputType('CertificateDeleteInput', {
  description: 'A certificate to delete from its store.',
  fields: (t) => ({
    certificate: t.globalID({ for: Certificate, required: true, description: 'The certificate.' }),
    force: t.boolean({ description: 'Delete even while APIs or live credentials use it (default false).' }),
  }),
});

const CertificateSuspendInput = builder.inputType('CertificateSuspendInput', {
  description: 'A certificate to take out of every grant, and why.',
  fields: (t) => ({
    certificate: t.globalID({ for: Certificate, required: true, description: 'The certificate.' }),
    reason: t.string({ required: true, description: 'Why (1 to 2,000 characters, no control characters).' }),
  }),
});

const CertificateResumeInput = builder.inputType('CertificateResumeInput', {
  description: 'A suspended certificate to give back to its grants.',
  fields: (t) => ({
    certificate: t.globalID({ for: Certificate, required: true, description: 'The certificate.' }),
  }),
});

const onCertificate = { subject: 'certificate' };

builder.mutationFields((t) => ({
  certificateUpload: t.withAuth({ admin: true }).field({
    type: CertificateUploadPayload,
    description:
      "Registers a certificate with the provider's Dashboard, then stores the record; the same certificate " +
      'again is success. Refused whole for a private key, a CSR or an expired certificate. Admins only.',
    args: { input: t.arg({ type: CertificateUploadInput, required: true, description: 'The certificate.' }) },
    resolve: async (_root, { input }, ctx) => {
      const uploaded = await ctx.core.certificates.upload(
        {
          providerId: input.provider.id,
          pem: input.pem,
          name: input.name,
          organisationIds: input.organisations?.map((o) => o.id),
        },
        ctx.viewer.actor,
      );
      return settle(uploaded, { subject: 'provider', fallback: pemFallback });
    },
  }),
  certificateRename: t.withAuth({ admin: true }).field({
    type: certificatePayload('CertificateRenamePayload', 'The renamed certificate, or why not.'),
    description: 'Sets or clears the portal-only name (never sent to Tyk). Admins only.',
    args: { input: t.arg({ type: CertificateRenameInput, required: true, description: 'The new name.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.certificates.rename(input.certificate.id, input.name ?? null, ctx.viewer.actor),
        onCertificate,
      ),
  }),
  certificateSetOrganisations: t.withAuth({ admin: true }).field({
    type: certificatePayload('CertificateSetOrganisationsPayload', 'The certificate, or why not.'),
    description: 'Replaces the organisations a certificate is associated with. Admins only.',
    args: {
      input: t.arg({ type: CertificateSetOrganisationsInput, required: true, description: 'The set.' }),
    },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.certificates.setOrganisations(
          input.certificate.id,
          input.organisations.map((o) => o.id),
          ctx.viewer.actor,
        ),
        onCertificate,
      ),
  }),
  certificateSetTrustedIssuer: t.withAuth({ admin: true }).field({
    type: certificatePayload('CertificateSetTrustedIssuerPayload', 'The certificate, or why not.'),
    description:
      'Marks a CA certificate a trusted issuer for one of its organisations: only then does Managed ' +
      "provisioning put it on the product APIs' allow lists, and the Gateway then admits every certificate it " +
      "signed (with the organisation's token). Unmarking withdraws it from the organisation's grants. Admins only.",
    args: {
      input: t.arg({ type: CertificateSetTrustedIssuerInput, required: true, description: 'The mark.' }),
    },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.certificates.setTrustedIssuer(
          input.certificate.id,
          input.organisation.id,
          input.trusted,
          ctx.viewer.actor,
        ),
        onCertificate,
      ),
  }),
  certificateDelete: t.withAuth({ admin: true }).field({
    type: certificatePayload('CertificateDeletePayload', 'The soft-deleted certificate, or why not.'),
    description:
      'Deletes from the Dashboard, then soft-deletes the record (name and organisations kept). Refused ' +
      'while APIs or live credentials use it (`CertificateInUseError`) unless `force`. Admins only.',
    args: { input: t.arg({ type: CertificateDeleteInput, required: true, description: 'The certificate.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.certificates.delete(
          input.certificate.id,
          { force: input.force ?? false },
          ctx.viewer.actor,
        ),
        onCertificate,
      ),
  }),
  certificateSuspend: t.withAuth({ admin: true }).field({
    type: certificatePayload('CertificateSuspendPayload', 'The suspended certificate, or why not.'),
    description:
      'Suspends a certificate (a compromise, say): it leaves every allow list and key binding the portal placed ' +
      'it on, a grant left with no live certificate loses its key (`CERTIFICATE_SUSPENDED`), and nothing ' +
      're-provisions it until `certificateResume`. It stays in the Dashboard store. Admins only.',
    args: {
      input: t.arg({ type: CertificateSuspendInput, required: true, description: 'The certificate.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const suspended = await ctx.core.certificates.suspend(
        input.certificate.id,
        input.reason,
        ctx.viewer.actor,
      );
      return settle(
        suspended.ok ? { ok: true, value: suspended.value.certificate } : suspended,
        onCertificate,
      );
    },
  }),
  certificateResume: t.withAuth({ admin: true }).field({
    type: certificatePayload('CertificateResumePayload', 'The resumed certificate, or why not.'),
    description:
      'Resumes a suspended certificate: its grants converge back to exactly what they had (entries, bindings, ' +
      'and the key under its request-derived id, so the same token). Admins only.',
    args: { input: t.arg({ type: CertificateResumeInput, required: true, description: 'The certificate.' }) },
    resolve: async (_root, { input }, ctx) => {
      const resumed = await ctx.core.certificates.resume(input.certificate.id, ctx.viewer.actor);
      return settle(resumed.ok ? { ok: true, value: resumed.value.certificate } : resumed, onCertificate);
    },
  }),
}));
