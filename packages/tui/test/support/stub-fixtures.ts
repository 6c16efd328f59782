// One organisation's worth of portal data for the stubbed view tests: a row in every list view,
// with the longest names a real store holds, so layouts are tried against text that must shrink.
import { AccessRequestsQuery } from '../../src/graphql/operations/access-requests.ts';
import { AuditEventsQuery } from '../../src/graphql/operations/audit.ts';
import { CertificatesQuery } from '../../src/graphql/operations/certificates.ts';
import { OrganisationsQuery } from '../../src/graphql/operations/organisations.ts';
import { PlansQuery } from '../../src/graphql/operations/plans.ts';
import { ProductsQuery } from '../../src/graphql/operations/products.ts';
import { ProvidersQuery } from '../../src/graphql/operations/providers.ts';
import { RotationsQuery } from '../../src/graphql/operations/rotations.ts';
import { SyncRunsQuery } from '../../src/graphql/operations/sync.ts';
import { UsersQuery } from '../../src/graphql/operations/users.ts';
import { WebhookDeliveriesQuery } from '../../src/graphql/operations/webhooks.ts';
import { StubPortal } from '../../src/testing/stub-portal.ts';

const DAY = 86_400_000;
const NOW = Date.now();
const at = (days: number) => new Date(NOW + days * DAY).toISOString();

/** One page holding every node. */
export const page = <const T>(nodes: readonly T[]) => ({
  pageInfo: { endCursor: null, hasNextPage: false },
  nodes,
});

export const ACME = { id: 'org_acme', name: 'Acme Payments' };
export const GLOBEX = { id: 'org_globex', name: 'Globex Retail' };
export const PROVIDER = { id: 'prv_mock', name: 'Mock Dashboard' };
export const LONG_CN = 'a-rather-long-common-name.payments.acme-corporation.example.com';

export const CERTIFICATE = {
  id: 'crt_sizes',
  name: 'acme-client',
  subjectCn: LONG_CN,
  status: 'VALID',
  source: 'PORTAL',
  notBefore: at(-10),
  notAfter: at(300),
  deletedAt: null,
  suspendedAt: null,
  tykId: `5e9d9544a1dcd60001d0ed20${'ab'.repeat(32)}`,
  provider: { name: PROVIDER.name },
  organisations: [ACME],
} as const;

/** A rotation of Acme's certificate to a new one with the longest name: in its overlap. */
export const ROTATION = {
  id: 'rot_acme',
  status: 'OVERLAP',
  createdAt: at(-1),
  finishedAt: null,
  from: { id: CERTIFICATE.id, name: CERTIFICATE.name, subjectCn: LONG_CN },
  to: { id: 'crt_next', name: null, subjectCn: `next.${LONG_CN}` },
  accessRequests: [{ id: 'req_mobile' }],
} as const;

/** A webhook event the receiver refused on every attempt, with the longest error a fetch gives. */
export const DELIVERY = {
  id: 'whe_failed',
  type: 'CERTIFICATE_SOFT_DELETED',
  status: 'FAILED',
  attempts: 20,
  maxAttempts: 20,
  lastError: 'TypeError: fetch failed (connect ECONNREFUSED 127.0.0.1:9000 while posting to the receiver)',
  nextAttemptAt: null,
  occurredAt: at(-0.5),
  queuedAt: at(-0.5),
  data: { certificateId: 'crt_gone', providerId: 'prv_mock' },
} as const;

/**
 * A stubbed portal answering every list view's query with a row (Acme's one certificate; Globex
 * has none). The certificate listing honours its organisation and search filters.
 */
export function stubbedPortal(): StubPortal {
  return new StubPortal()
    .on(CertificatesQuery, ({ filter }) => {
      const matches =
        (!filter?.organisation || filter.organisation === ACME.id) &&
        (!filter?.search || CERTIFICATE.name.includes(filter.search));
      const nodes = matches ? [CERTIFICATE] : [];
      return { certificates: { totalCount: nodes.length, ...page(nodes) } };
    })
    .on(OrganisationsQuery, () => ({
      organisations: page([
        { ...ACME, createdAt: at(-30), certificates: { totalCount: 1 } },
        { ...GLOBEX, createdAt: at(-20), certificates: { totalCount: 0 } },
      ]),
    }))
    .on(ProvidersQuery, () => ({
      providers: page([
        {
          ...PROVIDER,
          dashboardUrl: 'http://127.0.0.1:3000',
          gatewayUrl: 'https://127.0.0.1:8443',
          orgId: '5e9d9544a1dcd60001d0ed20',
          requestTimeoutMs: 10_000,
          updatedAt: at(-1),
        },
      ]),
    }))
    .on(ProductsQuery, () => ({
      products: page([
        {
          id: 'prd_payments',
          name: 'Payments',
          description: null,
          authType: 'AUTH_TOKEN_MTLS',
          certificateMode: 'MANAGED',
          bindCertificateToToken: true,
          provider: PROVIDER,
          apis: [{ apiId: 'b84fe1a04e5648927971c0557971565c', name: 'Payments API', apiKind: 'CLASSIC' }],
        },
      ]),
    }))
    .on(PlansQuery, () => ({
      plans: page([
        {
          id: 'pln_gold',
          name: 'Gold',
          rate: 10,
          per: 1,
          quotaMax: '-1',
          quotaRenewalRate: 3600,
          keyLifetimeSeconds: 0,
          createdAt: at(-5),
        },
      ]),
    }))
    .on(AccessRequestsQuery, () => ({
      accessRequests: page([
        {
          id: 'req_mobile',
          status: 'PENDING',
          attempts: 0,
          createdAt: at(-0.01),
          decidedAt: null,
          approvedAt: null,
          failedStep: null,
          failureReason: null,
          rejectReason: null,
          app: { name: 'Mobile', organisation: { name: ACME.name }, owner: { name: 'Acme dev' } },
          product: { name: 'Payments', certificateMode: 'MANAGED', authType: 'AUTH_TOKEN_MTLS' },
          plan: { name: 'Gold' },
          certificate: null,
          decidedBy: null,
          credentials: [],
        },
      ]),
    }))
    .on(RotationsQuery, () => ({ certificateRotations: page([ROTATION]) }))
    .on(WebhookDeliveriesQuery, () => ({ webhookDeliveries: page([DELIVERY]) }))
    .on(SyncRunsQuery, () => ({
      syncRuns: page([
        {
          id: 'syn_1',
          status: 'SUCCEEDED',
          trigger: 'SCHEDULE',
          startedAt: at(-0.02),
          finishedAt: at(-0.02),
          durationMs: 182,
          error: null,
          counts: { added: 1, restored: 0, softDeleted: 0, unchanged: 0 },
          provider: PROVIDER,
        },
      ]),
    }))
    .on(AuditEventsQuery, () => ({
      auditEvents: page([
        {
          id: 'aud_1',
          at: at(-0.001),
          action: 'CERTIFICATE_UPLOAD',
          subjectType: 'CERTIFICATE',
          subjectId: CERTIFICATE.id,
          before: null,
          after: { name: 'acme-client' },
          actor: { kind: 'SYSTEM', component: 'tui-test', userId: null, user: null },
          subject: { __typename: 'Certificate', subjectCn: LONG_CN, certificateName: 'acme-client' },
        },
      ]),
    }))
    .on(UsersQuery, () => ({
      users: page([
        { id: 'usr_dev', name: 'Acme dev', role: 'CONSUMER', createdAt: at(-2), organisation: ACME },
      ]),
    }));
}
