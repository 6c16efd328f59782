// Users: the listing, and creating one (its token is shown once).
// The documents live in users.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export {
  UserCreateDocument as UserCreateMutation,
  UsersDocument as UsersQuery,
} from '../generated.ts';

export type UserRow = G.UsersQuery['users']['nodes'][number];
