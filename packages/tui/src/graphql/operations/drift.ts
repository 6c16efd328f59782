// Access drift: how the Dashboard differs from the desired state of access, and fixing it.
// The documents live in drift.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  AccessDriftDocument as AccessDriftQuery,
  AccessDriftFixDocument as AccessDriftFixMutation,
} from '../generated.ts';

export type DriftKind = G.AccessDriftKind;
export type DriftFindingRow = NonNullable<G.AccessDriftQuery['accessDrift']['findings']>['nodes'][number];

/** Findings per page of the drift view. */
export const DRIFT_PAGE = 25;
