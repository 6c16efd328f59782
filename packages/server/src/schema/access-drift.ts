import { cursorToOffset, resolveArrayConnection } from '@pothos/plugin-relay';
import { type DomainError, type DriftFinding, Err, InvalidInputError, Ok, type Result } from '@repo/core';
import { loadAll } from '../loaders.ts';
import { AccessRequest } from './access-requests.ts';
import { builder } from './builder.ts';
import { Certificate } from './certificates.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connections.ts';
import type { Settled } from './payloads.ts';
import { ProductApi } from './products.ts';
import { Provider } from './providers.ts';
import { QUERY_USER_ERRORS_DOC, settle, USER_ERRORS_DOC, UserError } from './user-errors.ts';

// Drift between approvals and the Dashboard: the findings, and the mutation that queues their fix.

const DriftKind = builder.enumType('AccessDriftKind', {
  description: 'How the Dashboard differs from the desired state of access.',
  values: {
    MISSING_FROM_ALLOW_LIST: {
      description: "A live grant's certificate is missing from an API's allow list.",
    },
    EXTRA_ON_ALLOW_LIST: {
      description: 'An entry the portal placed is on an allow list although no live grant needs it any more.',
    },
    KEY_MISSING: { description: "A live grant's key is gone from the Dashboard." },
    KEY_NOT_EXPECTED: {
      description:
        'A key exists for a request that must have none (revoked, rejected, failed, or without a live certificate).',
    },
    BINDING_MISSING: { description: "The key lacks a binding to one of the grant's live certificates." },
    BINDING_EXTRA: { description: 'The key is bound to a certificate the grant no longer has live.' },
  } satisfies Record<DriftFinding['kind'], unknown>,
});

const Finding = builder.objectRef<DriftFinding>('AccessDriftFinding').implement({
  description: 'One way the Dashboard differs from the desired state of access.',
  fields: (t) => ({
    accessRequest: t.field({
      type: AccessRequest,
      nullable: true,
      description: 'The request concerned; null for an entry the portal placed that no request accounts for.',
      resolve: (f, _args, ctx) =>
        f.accessRequestId ? ctx.loaders.accessRequests.load(f.accessRequestId) : null,
    }),
    kind: t.expose('kind', { type: DriftKind, description: 'What differs.' }),
    api: t.field({
      type: ProductApi,
      nullable: true,
      description: 'The API whose allow list differs; null for key and binding findings.',
      resolve: (f) => f.api,
    }),
    certificates: t.field({
      type: [Certificate],
      description: 'The certificates concerned that the portal knows (soft-deleted ones included).',
      resolve: async (f, _args, ctx) => {
        const ids = f.certificates.flatMap((c) => (c.certificateId ? [c.certificateId] : []));
        return (await loadAll(ctx.loaders.certificates, ids)).filter((c) => c !== null);
      },
    }),
    unknownCertificateTykIds: t.stringList({
      description:
        "Tyk ids of the certificates concerned that the portal has no record of (the Dashboard's).",
      resolve: (f) => f.certificates.filter((c) => c.certificateId === null).map((c) => c.tykId),
    }),
  }),
});

const FindingConnection = builder.connectionObject(
  {
    name: 'AccessDriftFindingConnection',
    type: Finding,
    description: 'A page of drift findings, in the order drift found them.',
  },
  { name: 'AccessDriftFindingEdge', description: 'A drift finding in a page, with its cursor.' },
);

type FindingPage = ReturnType<typeof resolveArrayConnection<DriftFinding>>;

const AccessDriftPayload = builder.objectRef<Settled<FindingPage>>('AccessDriftPayload').implement({
  description: "A page of a provider's drift, or why it could not be read.",
  fields: (t) => ({
    findings: t.field({
      type: FindingConnection,
      nullable: true,
      description: 'The findings; an empty connection when the Dashboard matches.',
      resolve: (p) => p.value,
    }),
    userErrors: t.expose('userErrors', { type: [UserError], description: QUERY_USER_ERRORS_DOC }),
  }),
});

interface ForwardArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * A page of a list read whole (drift is computed from the Dashboard on every call); positions
 * are offsets, so a page after the Dashboard changed may repeat or skip a finding.
 */
function forwardArrayPage(
  args: ForwardArgs,
  items: readonly DriftFinding[],
): Result<FindingPage, InvalidInputError> {
  const { first, after } = args;
  if (first != null && (first < 1 || first > MAX_PAGE_SIZE))
    return Err(new InvalidInputError(`first must be from 1 to ${MAX_PAGE_SIZE}.`, { path: ['first'] }));
  if (after != null && !isOffsetCursor(after))
    return Err(new InvalidInputError('after is not a cursor of this listing.', { path: ['after'] }));
  const page = resolveArrayConnection(
    { args: { first, after }, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
    items,
  );
  // An empty page has no position (Pothos would answer the cursor of offset -1).
  if (page.edges.length > 0) return Ok(page);
  return Ok({ ...page, pageInfo: { ...page.pageInfo, startCursor: null, endCursor: null } });
}

function isOffsetCursor(cursor: string): boolean {
  try {
    const offset = cursorToOffset(cursor);
    return Number.isSafeInteger(offset) && offset >= 0;
  } catch {
    return false;
  }
}

builder.queryField('accessDrift', (t) =>
  t.withAuth({ admin: true }).field({
    type: AccessDriftPayload,
    description:
      "Where a provider's Dashboard differs from the desired state of access, both ways: allow-list entries " +
      'missing or left behind, keys missing or left behind, bindings. Reads the whole Dashboard state on ' +
      'each call, then pages forwards. Admins only.',
    args: {
      provider: t.arg.globalID({ for: Provider, required: true, description: 'The provider.' }),
      first: t.arg.int({ description: 'How many findings to return: 1 to 100 (default 50).' }),
      after: t.arg.string({ description: 'Return the findings after this cursor.' }),
    },
    resolve: async (_root, args, ctx) => {
      const paths = { argument: null, subject: 'provider' } as const;
      // Paging refused before the Dashboard is read.
      const checked = forwardArrayPage(args, []);
      if (!checked.ok) return settle<FindingPage>(checked, paths);
      const drift: Result<DriftFinding[], DomainError> = await ctx.core.provisioning.drift(args.provider.id);
      return settle(drift.ok ? forwardArrayPage(args, drift.value) : drift, paths);
    },
  }),
);

const AccessDriftFixInput = builder.inputType('AccessDriftFixInput', {
  description: 'The provider whose drift to fix.',
  fields: (t) => ({
    provider: t.globalID({ for: Provider, required: true, description: 'The provider.' }),
  }),
});

const AccessDriftFixPayload = builder.objectRef<Settled<DriftFinding[]>>('AccessDriftFixPayload').implement({
  description: 'The findings work was queued for, or why nothing was queued.',
  fields: (t) => ({
    findings: t.field({
      type: [Finding],
      nullable: true,
      description: 'The findings work was queued for; empty when there was no drift.',
      resolve: (p) => p.value,
    }),
    userErrors: t.expose('userErrors', { type: [UserError], description: USER_ERRORS_DOC }),
  }),
});

builder.mutationField('accessDriftFix', (t) =>
  t.withAuth({ admin: true }).field({
    type: AccessDriftFixPayload,
    description:
      "Finds a provider's drift and queues the work that removes it (each request concerned converges, each API " +
      'with a left-behind entry is reconciled); answers the findings it queued work for. Admins only.',
    args: { input: t.arg({ type: AccessDriftFixInput, required: true, description: 'The provider.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(await ctx.core.provisioning.fixDrift(input.provider.id, ctx.viewer.actor), {
        subject: 'provider',
      }),
  }),
);
