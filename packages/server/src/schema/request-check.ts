import type { CheckedApi, CheckedCertificate, RequestCheckReport } from '@repo/core';
import { builder } from './builder.ts';
import { pemFallback } from './certificate-inspect.ts';
import type { Settled } from './payloads.ts';
import { Provider } from './providers.ts';
import { CheckName, Failure, Step, Warning } from './request-check-parts.ts';
import { QUERY_USER_ERRORS_DOC, settle, UserError } from './user-errors.ts';

const Api = builder.objectRef<CheckedApi>('RequestCheckApi').implement({
  description: 'The API as the check read it from the Dashboard.',
  fields: (t) => ({
    apiId: t.exposeString('apiId', { description: 'Its `api_id`.' }),
    name: t.exposeString('name', { description: 'Its name.' }),
    definition: t.exposeString('definition', { description: '`CLASSIC` or `OAS`.' }),
    auth: t.exposeString('auth', { description: '`AUTH_TOKEN`, `JWT` or `KEYLESS`.' }),
    staticMutualTls: t.exposeBoolean('staticMutualTls', { description: 'Static mTLS is on.' }),
    allowListEntries: t.exposeInt('allowListEntries', { description: 'Rows of its allow list.' }),
  }),
});

const Presented = builder.objectRef<CheckedCertificate>('RequestCheckCertificate').implement({
  description: 'The presented leaf certificate.',
  fields: (t) => ({
    sha256: t.exposeString('sha256', { description: 'SHA-256 of the DER.' }),
    tykId: t.exposeString('tykId', { description: "The API's org id + SHA-256: what a binding holds." }),
    subject: t.exposeString('subject', { description: 'Subject DN.' }),
    issuer: t.exposeString('issuer', { description: 'Issuer DN.' }),
    notBefore: t.expose('notBefore', { type: 'DateTime', description: 'Start of validity.' }),
    notAfter: t.expose('notAfter', { type: 'DateTime', description: 'End of validity.' }),
    chainLength: t.exposeInt('chainLength', { description: 'Certificates presented, the leaf included.' }),
  }),
});

export const Report = builder.objectRef<RequestCheckReport>('RequestCheckReport').implement({
  description: "The Gateway's decision for a request, check by check, against the Dashboard's current state.",
  fields: (t) => ({
    api: t.field({ type: Api, description: 'The API.', resolve: (r) => r.api }),
    certificate: t.field({
      type: Presented,
      description: 'The presented leaf.',
      resolve: (r) => r.certificate,
    }),
    checks: t.field({
      type: [Step],
      description: "Every check, in the Gateway's order.",
      resolve: (r) => [...r.checks],
    }),
    firstFailure: t.field({
      type: Failure,
      nullable: true,
      description: 'The first FAIL; certain only when no check before it is `unverified`.',
      resolve: (r) => r.firstFailure,
    }),
    unverified: t.field({
      type: [CheckName],
      description: 'Checks that could not be decided.',
      resolve: (r) => [...r.unverified],
    }),
    wouldPass: t.exposeBoolean('wouldPass', { description: 'No check fails or is undecided: HTTP 200.' }),
    warnings: t.field({
      type: [Warning],
      description: 'What passes but should not be relied on; the verdict stands.',
      resolve: (r) => [...r.warnings],
    }),
    checkedAt: t.expose('checkedAt', { type: 'DateTime', description: 'When it was checked.' }),
  }),
});

const RequestCheckInput = builder.inputType('RequestCheckInput', {
  description: 'A request to explain: an API, the chain a client presents and the token it sends.',
  fields: (t) => ({
    provider: t.globalID({ for: Provider, required: true, description: 'The Dashboard of the API.' }),
    apiId: t.string({ required: true, description: "The API's `api_id`." }),
    pem: t.string({ required: true, description: 'The presented chain, leaf first.' }),
    token: t.string({ description: 'The Authorization header value: a key or a JWT (`Bearer` optional).' }),
  }),
});

const RequestCheckPayload = builder.objectRef<Settled<RequestCheckReport>>('RequestCheckPayload').implement({
  description: 'The explanation, or why the request could not be checked.',
  fields: (t) => ({
    report: t.field({ type: Report, nullable: true, description: 'The checks.', resolve: (p) => p.value }),
    userErrors: t.expose('userErrors', { type: [UserError], description: QUERY_USER_ERRORS_DOC }),
  }),
});

builder.queryField('requestCheck', (t) =>
  t.withAuth({ admin: true }).field({
    type: RequestCheckPayload,
    description:
      'Would the Gateway let this request through? Every check with its result and the first failure ' +
      "with Tyk's status and message. Reads the Dashboard, changes nothing. Admins only (consumers: " +
      '`accessRequestCheck`).',
    args: { input: t.arg({ type: RequestCheckInput, required: true, description: 'The request.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.requestCheck.explain(
          {
            providerId: input.provider.id,
            apiId: input.apiId,
            pem: input.pem,
            token: input.token ?? undefined,
          },
          ctx.viewer.actor,
        ),
        { subject: 'provider', fallback: pemFallback },
      ),
  }),
);
