// Sync runs: the listing, starting one, following it over SSE, and deciding a HELD one.
import { operation } from '../document.ts';
import {
  type PageInfo,
  type SyncCounts,
  type SyncPhase,
  type SyncRunStatus,
  USER_ERRORS,
  type UserError,
} from './types.ts';

export interface SyncRunRow {
  readonly id: string;
  readonly status: SyncRunStatus;
  readonly trigger: 'MANUAL' | 'SCHEDULE';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly error: string | null;
  readonly counts: SyncCounts;
  readonly provider: { readonly id: string; readonly name: string } | null;
}

const RUN =
  'id status trigger startedAt finishedAt durationMs error counts { added restored softDeleted unchanged } provider { id name }';

export const SyncRunsQuery = operation<
  { syncRuns: { pageInfo: PageInfo; nodes: SyncRunRow[] } },
  { first: number; after?: string | null; provider?: string | null }
>(
  'SyncRuns',
  `query SyncRuns($first: Int!, $after: String, $provider: ID) {
    syncRuns(first: $first, after: $after, filter: { provider: $provider }) {
      pageInfo { endCursor hasNextPage }
      nodes { ${RUN} }
    }
  }`,
);

export const SyncRunQuery = operation<
  { node: (SyncRunRow & { __typename: 'SyncRun' }) | { __typename: string } | null },
  { id: string }
>('SyncRun', `query SyncRun($id: ID!) { node(id: $id) { __typename ... on SyncRun { ${RUN} } } }`);

/** A refusal because another run is in the way. */
export interface SyncUserError extends UserError {
  readonly run?: { readonly id: string; readonly status: SyncRunStatus } | null;
}

type RunPayload = { syncRun: SyncRunRow | null; userErrors: SyncUserError[] };
const ERRORS = `userErrors {
  __typename code message path
  ... on SyncAlreadyRunningError { run { id status } }
}`;

export const SyncRunStartMutation = operation<{ syncRunStart: RunPayload }, { provider: string }>(
  'SyncRunStart',
  `mutation SyncRunStart($provider: ID!) { syncRunStart(input: { provider: $provider }) { syncRun { ${RUN} } ${ERRORS} } }`,
);

export const SyncRunConfirmMutation = operation<{ syncRunConfirm: RunPayload }, { run: string }>(
  'SyncRunConfirm',
  `mutation SyncRunConfirm($run: ID!) { syncRunConfirm(input: { run: $run }) { syncRun { ${RUN} } ${USER_ERRORS} } }`,
);

export const SyncRunDiscardMutation = operation<{ syncRunDiscard: RunPayload }, { run: string }>(
  'SyncRunDiscard',
  `mutation SyncRunDiscard($run: ID!) { syncRunDiscard(input: { run: $run }) { syncRun { ${RUN} } ${USER_ERRORS} } }`,
);

export interface SyncProgress {
  readonly status: SyncRunStatus;
  readonly phase: SyncPhase;
  readonly pagesFetched: number;
  readonly pagesTotal: number | null;
  readonly counts: SyncCounts | null;
  readonly error: string | null;
  readonly provider: { readonly name: string } | null;
  readonly run: { readonly id: string } | null;
}

export const SyncRunProgressSubscription = operation<{ syncRunProgress: SyncProgress }, { run: string }>(
  'SyncRunProgress',
  `subscription SyncRunProgress($run: ID!) {
    syncRunProgress(run: $run) {
      status phase pagesFetched pagesTotal error
      counts { added restored softDeleted unchanged }
      provider { name }
      run { id }
    }
  }`,
);

/** A certificate a HELD run would soft-delete. */
export interface HeldDeletionRow {
  readonly id: string;
  readonly name: string | null;
  readonly subjectCn: string | null;
  readonly tykId: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export const HeldDeletionsQuery = operation<
  {
    node:
      | { __typename: 'SyncRun'; heldDeletions: { totalCount: number; nodes: HeldDeletionRow[] } }
      | { __typename: string }
      | null;
  },
  { run: string; first: number }
>(
  'HeldDeletions',
  `query HeldDeletions($run: ID!, $first: Int!) {
    node(id: $run) {
      __typename
      ... on SyncRun { heldDeletions(first: $first) { totalCount nodes { id name subjectCn tykId notBefore notAfter } } }
    }
  }`,
);
