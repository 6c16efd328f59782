// Sync runs: the listing, starting one, following it over SSE, and deciding a HELD one.
// The documents live in sync.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  HeldDeletionsDocument as HeldDeletionsQuery,
  SyncRunConfirmDocument as SyncRunConfirmMutation,
  SyncRunDiscardDocument as SyncRunDiscardMutation,
  SyncRunDocument as SyncRunQuery,
  SyncRunProgressDocument as SyncRunProgressSubscription,
  SyncRunStartDocument as SyncRunStartMutation,
  SyncRunsDocument as SyncRunsQuery,
} from '../generated.ts';

export type SyncRunRow = G.SyncRunsQuery['syncRuns']['nodes'][number];
export type SyncUserError = G.SyncRunStartMutation['syncRunStart']['userErrors'][number];
export type SyncProgress = G.SyncRunProgressSubscription['syncRunProgress'];
export type HeldDeletionRow = NonNullable<
  Extract<NonNullable<G.HeldDeletionsQuery['node']>, { __typename: 'SyncRun' }>['heldDeletions']
>['nodes'][number];
