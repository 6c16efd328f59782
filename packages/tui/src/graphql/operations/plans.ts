// Plans: the listing, and creating one (Tyk session limits).
// The documents live in plans.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  PlanCreateDocument as PlanCreateMutation,
  PlansDocument as PlansQuery,
} from '../generated.ts';

export type PlanRow = G.PlansQuery['plans']['nodes'][number];
export type PlanCreateVariables = G.PlanCreateMutationVariables;
