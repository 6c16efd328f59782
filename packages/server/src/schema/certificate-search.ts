import type { ArgBuilder } from '@pothos/core';
import type { CERTIFICATE_SORTS, CERTIFICATE_STATUSES, CertificateFilter as CoreFilter } from '@repo/core';
import { isForeignOrganisation } from '@repo/core';
import type { GraphQLResolveInfo } from 'graphql';
import { type Context, viewerOf } from '../context.ts';
import { builder, type Types } from './builder.ts';
import { CertificateConnection, CertificateStatus } from './certificates.ts';
import { checkPageArgs, forwardPageArgs, type PageArgs, selects } from './connections.ts';
import { Organisation } from './organisations.ts';
import { Provider } from './providers.ts';
import { domainGraphQLError } from './user-errors.ts';

const CertificateOrder = builder.enumType('CertificateOrder', {
  description: 'The order of a certificate listing.',
  values: {
    EXPIRY: { description: 'Soonest notAfter first.' },
    NAME: { description: 'By name, falling back to the subject CN, then the Tyk id.' },
  } satisfies Record<(typeof CERTIFICATE_SORTS)[number], unknown>,
});

const DeletedFilter = builder.enumType('CertificateDeletedFilter', {
  description: 'Whether a listing shows certificates that are gone from their store.',
  values: {
    EXCLUDE: { description: 'Only certificates in their store (the default).' },
    INCLUDE: { description: 'Both.' },
    ONLY: { description: 'Only the soft-deleted ones.' },
  } as const,
});

const CertificateFilter = builder.inputType('CertificateFilter', {
  description: 'Which certificates to list; every field given must match.',
  fields: (t) => ({
    search: t.string({
      description: 'Name or subject CN prefix, a whole SAN (`dns:api.example.com`), or any fingerprint form.',
    }),
    status: t.field({ type: [CertificateStatus], description: 'Any of these statuses.' }),
    expiringWithinDays: t.int({
      description:
        'Only certificates valid now that end within this many days, 1 to 3650. A filter only: `status` keeps its fixed 30-day EXPIRING_SOON window.',
    }),
    deleted: t.field({ type: DeletedFilter, description: 'Soft-deleted certificates (default EXCLUDE).' }),
    provider: t.globalID({ for: Provider, description: "Only this provider's store." }),
    organisation: t.globalID({ for: Organisation, description: 'Only those associated with it.' }),
  }),
});

interface FilterArg {
  search?: string | null;
  status?: (typeof CERTIFICATE_STATUSES)[number][] | null;
  expiringWithinDays?: number | null;
  deleted?: 'EXCLUDE' | 'INCLUDE' | 'ONLY' | null;
  provider?: { id: string } | null;
  organisation?: { id: string } | null;
}

const emptyConnection = {
  edges: [],
  totalCount: 0,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

/** One page through core (one statement), as a Relay connection. Forward paging only (keyset). */
async function listCertificates(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: PageArgs & { filter?: FilterArg | null; orderBy?: 'EXPIRY' | 'NAME' | null },
  organisationId?: string,
) {
  checkPageArgs(args);
  const f = args.filter ?? {};
  if (isForeignOrganisation(viewerOf(ctx).actor, f.organisation?.id)) return emptyConnection;
  const filter: CoreFilter = {
    search: f.search ?? undefined,
    status: f.status ?? undefined,
    expiringWithinDays: f.expiringWithinDays ?? undefined,
    deleted: f.deleted ?? undefined,
    providerId: f.provider?.id,
    organisationId: organisationId ?? f.organisation?.id,
  };
  const page = await ctx.core.certificates.list(
    filter,
    {
      first: args.first ?? undefined,
      after: args.after ?? undefined,
      sort: args.orderBy ?? undefined,
      withTotalCount: selects(info, 'totalCount'),
    },
    viewerOf(ctx).actor,
  );
  if (!page.ok) throw domainGraphQLError(page.error);
  const { edges, pageInfo, totalCount } = page.value;
  return {
    edges,
    totalCount,
    pageInfo: {
      ...pageInfo,
      hasPreviousPage: args.after != null,
      startCursor: edges[0]?.cursor ?? null,
    },
  };
}

const listArgs = (arg: ArgBuilder<Types>) => ({
  filter: arg({ type: CertificateFilter, description: 'Which certificates to list.' }),
  orderBy: arg({ type: CertificateOrder, description: 'The order (default EXPIRY).' }),
});

builder.queryField('certificates', (t) =>
  t.field({
    type: CertificateConnection,
    description: "Certificates: every provider's for admins, its organisation's for a consumer.",
    args: { ...forwardPageArgs(t.arg), ...listArgs(t.arg) },
    resolve: (_root, args, ctx, info) => listCertificates(ctx, info, args),
  }),
);

builder.objectField(Organisation, 'certificates', (t) =>
  t.field({
    type: CertificateConnection,
    description: 'The certificates associated with this organisation.',
    args: { ...forwardPageArgs(t.arg), ...listArgs(t.arg) },
    resolve: (organisation, args, ctx, info) => listCertificates(ctx, info, args, organisation.id),
  }),
);
