// Organisations: the listing, every name for the multi-selects, and creating one.
// The documents live in organisations.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  OrganisationChoicesDocument as OrganisationChoicesQuery,
  OrganisationCreateDocument as OrganisationCreateMutation,
  OrganisationsDocument as OrganisationsQuery,
} from '../generated.ts';

export type OrganisationRow = G.OrganisationsQuery['organisations']['nodes'][number];
