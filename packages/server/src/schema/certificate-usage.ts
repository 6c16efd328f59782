import type { ApiUsage, CertificateInUseError, CertificateUsage, CredentialUsage } from '@repo/core';
import { builder } from './builder.ts';
import { Certificate } from './certificates.ts';
import { Organisation } from './organisations.ts';
import type { Settled } from './payloads.ts';
import {
  QUERY_USER_ERRORS_DOC,
  registerUserErrorType,
  settle,
  UserError,
  type UserErrorShape,
} from './user-errors.ts';

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

const UsagePayload = builder.objectRef<Settled<CertificateUsage>>('CertificateUsagePayload').implement({
  description: 'Where the certificate is used, or why that cannot be told.',
  fields: (t) => ({
    usage: t.field({ type: UsageRef, nullable: true, description: 'Its usage.', resolve: (p) => p.value }),
    userErrors: t.expose('userErrors', { type: [UserError], description: QUERY_USER_ERRORS_DOC }),
  }),
});

builder.queryField('certificateUsage', (t) =>
  t.withAuth({ loggedIn: true }).field({
    type: UsagePayload,
    description:
      "Where a certificate is used: reads the provider's Dashboard, so ask for one certificate at a time. " +
      'A certificate the caller may not see is NOT_FOUND; a Dashboard that fails is its DASHBOARD_* code.',
    args: {
      certificate: t.arg.globalID({ for: Certificate, required: true, description: 'The certificate.' }),
    },
    resolve: async (_root, args, ctx) =>
      settle(await ctx.core.certificates.usage(args.certificate.id, ctx.viewer.actor), {
        argument: null,
        subject: 'certificate',
      }),
  }),
);
