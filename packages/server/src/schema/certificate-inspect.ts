import { type CertificateInspection, Err, NotFoundError, X509Error } from '@repo/core';
import { builder } from './builder.ts';
import { Fingerprints, LintWarning } from './certificate-parts.ts';
import { CertificateStatus } from './certificates.ts';
import type { Settled } from './payloads.ts';
import { Provider } from './providers.ts';
import { QUERY_USER_ERRORS_DOC, settle, toUserError, UserError } from './user-errors.ts';

/** X.509 refusals are about the PEM the caller sent. */
export const pemFallback = (error: unknown) => (error instanceof X509Error ? 'pem' : undefined);

const Inspection = builder.objectRef<CertificateInspection>('CertificateInspection').implement({
  description: 'What an upload of a PEM would store and show, computed from the PEM alone.',
  fields: (t) => ({
    fingerprints: t.field({
      type: Fingerprints,
      description: 'Its fingerprints.',
      resolve: (i) => i.fingerprints,
    }),
    tykId: t.exposeString('tykId', {
      nullable: true,
      description: "The id the provider's store would give it; null when no provider was named.",
    }),
    status: t.expose('status', { type: CertificateStatus, description: 'Where it stands now.' }),
    subjectDn: t.exposeString('subjectDn', { description: 'Subject (RFC 4514).' }),
    subjectCn: t.exposeString('subjectCn', { nullable: true, description: 'Subject common name.' }),
    issuerDn: t.exposeString('issuerDn', { description: 'Issuer (RFC 4514).' }),
    issuerCn: t.exposeString('issuerCn', { nullable: true, description: 'Issuer common name.' }),
    serialNumber: t.exposeString('serialNumber', { description: 'Serial number in hex.' }),
    notBefore: t.expose('notBefore', { type: 'DateTime', description: 'Start of validity.' }),
    notAfter: t.expose('notAfter', { type: 'DateTime', description: 'End of validity (inclusive).' }),
    isCa: t.exposeBoolean('isCa', { description: 'A CA certificate.' }),
    subjectAltNames: t.exposeStringList('subjectAltNames', { description: 'SAN entries as `type:value`.' }),
    keyAlgorithm: t.exposeString('keyAlgorithm', { description: '`RSA-2048`, `EC-P-256`, …' }),
    signatureAlgorithm: t.exposeString('signatureAlgorithm', { description: 'As signed.' }),
    lintWarnings: t.field({
      type: [LintWarning],
      description: 'What may stop it working as a client certificate.',
      resolve: (i) => i.lintWarnings,
    }),
    uploadRefusal: t.field({
      type: UserError,
      nullable: true,
      description:
        'Why an upload would refuse it (e.g. `CERTIFICATE_EXPIRED`); null when it would accept it.',
      resolve: (i) => (i.uploadRefusal ? toUserError(i.uploadRefusal, { fallback: pemFallback }) : null),
    }),
  }),
});

const CertificateInspectInput = builder.inputType('CertificateInspectInput', {
  description: 'A PEM to read.',
  fields: (t) => ({
    pem: t.string({ required: true, description: 'One leaf certificate, optionally followed by its chain.' }),
    provider: t.globalID({ for: Provider, description: "Also compute the id in this provider's store." }),
  }),
});

const CertificateInspectPayload = builder
  .objectRef<Settled<CertificateInspection>>('CertificateInspectPayload')
  .implement({
    description: 'The inspection, or why the PEM cannot be read.',
    fields: (t) => ({
      inspection: t.field({
        type: Inspection,
        nullable: true,
        description: 'What the PEM holds.',
        resolve: (p) => p.value,
      }),
      userErrors: t.expose('userErrors', { type: [UserError], description: QUERY_USER_ERRORS_DOC }),
    }),
  });

builder.queryField('certificateInspect', (t) =>
  t.field({
    type: CertificateInspectPayload,
    description:
      'A dry run of an upload: metadata, fingerprints, status and lint warnings. Stores nothing, calls no ' +
      'Dashboard. A PEM holding a private key is refused whole (`PEM_PRIVATE_KEY`).',
    args: { input: t.arg({ type: CertificateInspectInput, required: true, description: 'The PEM.' }) },
    resolve: async (_root, { input }, ctx) => {
      const paths = { subject: 'provider', fallback: pemFallback };
      // A provider the caller may not see is one that does not exist (consumers see none).
      const providerId = input.provider?.id;
      if (providerId !== undefined && !(await ctx.loaders.providers.load(providerId))) {
        return settle<CertificateInspection>(
          Err(new NotFoundError('provider', providerId, ['providerId'])),
          paths,
        );
      }
      return settle(await ctx.core.certificates.inspect(input.pem, { providerId }), paths);
    },
  }),
);
