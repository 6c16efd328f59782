// Providers (Tyk Dashboards): the listing, testing a connection, creating and editing one.
// The documents live in providers.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  ProviderCreateDocument as ProviderCreateMutation,
  ProvidersDocument as ProvidersQuery,
  ProviderTestConnectionDocument as ProviderTestConnectionMutation,
  ProviderUpdateDocument as ProviderUpdateMutation,
} from '../generated.ts';

export type ProviderRow = G.ProvidersQuery['providers']['nodes'][number];
export type ProviderCreateVariables = G.ProviderCreateMutationVariables;
export type ProviderUpdateVariables = G.ProviderUpdateMutationVariables;
