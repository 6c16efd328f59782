import type { ApiUsage, CertificateInUseError, CertificateUsage, CredentialUsage } from '@repo/core';
import { builder } from './builder.ts';
import { Certificate } from './certificates.ts';
import { Organisation } from './organisations.ts';
import { domainGraphQLError, registerUserErrorType, UserError, type UserErrorShape } from './user-errors.ts';

const ApiUsageRef = builder.objectRef<ApiUsage>('CertificateApiUsage').implement({
  description: "An API definition in the provider's Dashboard that names the certificate.",
  fields: (t) => ({
    apiId: t.exposeString('apiId', { description: "The Dashboard's `api_id`." }),
    name: t.exposeString('name', { description: 'The API name.' }),
    usageTypes: t.exposeStringList('usageTypes', {
      description: "How it uses it (Tyk's `usage_type`): `client` (the allow list), `upstream`, `server`.",
    }),
  }),
});

const CredentialUsageRef = builder.objectRef<CredentialUsage>('CertificateCredentialUsage').implement({
  description: 'A live credential issued by an approval that provisioned the certificate.',
  fields: (t) => ({
    appName: t.exposeString('appName', { description: 'The app it was issued to.' }),
    productName: t.exposeString('productName', { description: 'The API product it gives access to.' }),
    boundToToken: t.exposeBoolean('boundToToken', {
      description: 'The token is bound to the certificate (`mtls_static_certificate_bindings`).',
    }),
    organisation: t.field({
      type: Organisation,
      nullable: true,
      description: "The app's organisation.",
      resolve: (c, _args, ctx) => ctx.loaders.organisations.load(c.organisationId),
    }),
  }),
});

const ApisFrom = builder.enumType('CertificateApisSource', {
  description: 'Where the list of APIs came from.',
  values: {
    CERTIFICATE_APIS: { description: "The Dashboard's own index (`GET /api/certs/{id}/apis`, 5.11+)." },
    API_DEFINITIONS: { description: "A scan of every API's allow list (older Dashboards)." },
  } as const,
});

const UsageRef = builder.objectRef<CertificateUsage>('CertificateUsage').implement({
  description: 'What would break if the certificate went away.',
  fields: (t) => ({
    apis: t.expose('apis', { type: [ApiUsageRef], description: 'APIs whose definitions name it.' }),
    apisFrom: t.expose('apisFrom', { type: ApisFrom, description: 'Where `apis` came from.' }),
    credentials: t.expose('credentials', {
      type: [CredentialUsageRef],
      description: "Live credentials provisioned with it (a consumer sees only its organisation's).",
    }),
  }),
});

registerUserErrorType('CERTIFICATE_IN_USE', 'CertificateInUseError');
builder.objectRef<UserErrorShape<CertificateInUseError>>('CertificateInUseError').implement({
  description: 'Deleting the certificate would break these APIs and credentials; `force: true` overrides.',
  interfaces: [UserError],
  fields: (t) => ({
    apis: t.field({
      type: [ApiUsageRef],
      description: 'APIs that name it.',
      resolve: (e) => [...e.error.apis],
    }),
    credentials: t.field({
      type: [CredentialUsageRef],
      description: 'Live credentials provisioned with it.',
      resolve: (e) => [...e.error.credentials],
    }),
  }),
});

builder.queryField('certificateUsage', (t) =>
  t.withAuth({ loggedIn: true }).field({
    type: UsageRef,
    nullable: true,
    description:
      "Where a certificate is used: reads the provider's Dashboard, so ask for one certificate at a time. " +
      'Null when the certificate is not visible.',
    args: {
      certificate: t.arg.globalID({ for: Certificate, required: true, description: 'The certificate.' }),
    },
    resolve: async (_root, args, ctx) => {
      // Not visible is null here, where core's `usage` answers NOT_FOUND (and scopes what it reports).
      const certificate = await ctx.loaders.certificates.load(args.certificate.id);
      if (!certificate) return null;
      const usage = await ctx.core.certificates.usage(certificate.id, ctx.viewer.actor);
      if (!usage.ok) throw domainGraphQLError(usage.error);
      return usage.value;
    },
  }),
);
