// Products: the listing, and their certificate mode and binding (Tyk warns when access exists).
// The documents live in products.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  ProductCreateDocument as ProductCreateMutation,
  ProductsDocument as ProductsQuery,
  ProductUpdateDocument as ProductUpdateMutation,
} from '../generated.ts';

export type ProductRow = G.ProductsQuery['products']['nodes'][number];
export type ProductCreateVariables = G.ProductCreateMutationVariables;
