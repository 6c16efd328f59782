import {
  type GatewayRefusal,
  REQUEST_CHECKS,
  type RequestCheckReport,
  type RequestCheckStep,
} from '@repo/core';
import { builder } from './builder.ts';

// The checks of a request check: their names, outcomes and the first failure.

const CHECK_DOCS: Record<(typeof REQUEST_CHECKS)[number], string> = {
  TLS_CLIENT_CERTIFICATE: '`CertificateCheckMW`: a client certificate was presented.',
  ALLOW_LIST: '`CertificateCheckMW`: exact SHA-256 match or signed by an allow-listed CA, not expired.',
  TOKEN_PRESENT: '`AuthKey` / `JWTMiddleware`: the Authorization header is there.',
  TOKEN_KNOWN: '`AuthKey`: the token names a key.',
  JWT_VALID: '`JWTMiddleware`: signature, signing method, time claims and identity of a JWT.',
  CERTIFICATE_BINDING: '`AuthKey`: Certificate-Token Binding.',
  KEY_ACTIVE: '`KeyExpired`: the key is not inactive.',
  KEY_NOT_EXPIRED: '`KeyExpired`: the key has not expired.',
  ACCESS_RIGHTS: "`AccessRightsCheck`: the key's access rights include the API.",
  QUOTA: "`RateLimitAndQuotaCheck`: the key's quota has a request left in this period.",
};
export const CheckName = builder.enumType('RequestCheckName', {
  description: "The Gateway's checks, in the order its middleware chain runs them.",
  values: Object.fromEntries(REQUEST_CHECKS.map((c) => [c, { description: CHECK_DOCS[c] }])),
});

const Outcome = builder.enumType('RequestCheckOutcome', {
  description: 'What became of one check.',
  values: {
    PASS: { description: 'The Gateway runs it and it passes.' },
    FAIL: { description: 'The Gateway runs it and refuses the request.' },
    SKIPPED: { description: 'Never reached (an earlier check failed), or undecidable (see `unverified`).' },
    NOT_APPLICABLE: { description: 'The Gateway does not run it for this API or key.' },
  } as const,
});

export const Step = builder.objectRef<RequestCheckStep>('RequestCheckStep').implement({
  description: 'One check of the Gateway and its result.',
  fields: (t) => ({
    check: t.field({ type: CheckName, description: 'Which check.', resolve: (s) => s.check }),
    outcome: t.field({ type: Outcome, description: 'Its result.', resolve: (s) => s.outcome }),
    detail: t.exposeString('detail', { description: 'Why, for people.' }),
    status: t.int({
      nullable: true,
      description: 'FAIL only: the HTTP status the Gateway answers.',
      resolve: (s) => s.refusal?.status ?? null,
    }),
    message: t.string({
      nullable: true,
      description: 'FAIL only: the `error` text of its answer.',
      resolve: (s) => s.refusal?.body.error ?? null,
    }),
    ifReached: t.field({
      type: Outcome,
      nullable: true,
      description: 'SKIPPED after the first failure: PASS or FAIL once that failure is fixed.',
      resolve: (s) => s.ifReached ?? null,
    }),
  }),
});

export const Failure = builder
  .objectRef<GatewayRefusal & { check: RequestCheckStep['check'] }>('RequestCheckFailure')
  .implement({
    description: "The first failing check and the Gateway's answer to it.",
    fields: (t) => ({
      check: t.field({ type: CheckName, description: 'The check.', resolve: (f) => f.check }),
      status: t.exposeInt('status', { description: 'The HTTP status the Gateway answers.' }),
      message: t.string({ description: 'The `error` text of its answer.', resolve: (f) => f.body.error }),
    }),
  });

type Warning = RequestCheckReport['warnings'][number];

const WARNING_DOCS: Record<Warning['code'], string> = {
  ADMITTED_BY_NON_LEAF_CERTIFICATE:
    'ALLOW_LIST passes only because a certificate after the leaf is allow-listed (exactly or by a listed ' +
    "CA). The Gateway checks every presented certificate, but the client proves it owns the leaf's key only.",
};
const WarningCode = builder.enumType('RequestCheckWarningCode', {
  description: 'What a request-check warning is about; codes are stable.',
  values: Object.fromEntries(Object.entries(WARNING_DOCS).map(([c, d]) => [c, { description: d }])),
});

export const Warning = builder.objectRef<Warning>('RequestCheckWarning').implement({
  description: 'Something the Gateway allows that should not be relied on. It does not change the verdict.',
  fields: (t) => ({
    code: t.field({ type: WarningCode, description: 'Which warning.', resolve: (w) => w.code }),
    check: t.field({ type: CheckName, description: 'The check it concerns.', resolve: (w) => w.check }),
    message: t.exposeString('message', { description: 'What and why, for people.' }),
    position: t.int({
      nullable: true,
      description: 'The presented certificate it concerns, 1-based (1 is the leaf), when it concerns one.',
      resolve: (w) => w.position,
    }),
  }),
});
