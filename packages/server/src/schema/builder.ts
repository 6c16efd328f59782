import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { Context, SignedInContext } from '../context.ts';
import { resolveNodeType } from './node-types.ts';
import NulFreeInputPlugin from './nul-free-input.ts';

/** Types the schema is built with. Configuration only: no type is defined here (Pothos app layout). */
export interface PortalTypes {
  Context: Context;
  AuthScopes: {
    /** Any authenticated user, admin or consumer. */
    loggedIn: boolean;
    /** Admins only. */
    admin: boolean;
  };
  /** `t.withAuth({ loggedIn | admin: true })` hands its resolver a context whose viewer is set. */
  AuthContexts: {
    loggedIn: SignedInContext;
    admin: SignedInContext;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Int64: { Input: bigint; Output: bigint };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}

const cursorDoc = 'An opaque position in this listing; pass it as `after` to read on from there.';

export const builder = new SchemaBuilder<PortalTypes>({
  // Scope auth first: it wraps every resolver the relay plugin adds (node, nodes) as well. NUL
  // checks last, so a caller learns nothing about input it may not send.
  plugins: [ScopeAuthPlugin, RelayPlugin, NulFreeInputPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      loggedIn: ctx.viewer !== undefined,
      admin: ctx.viewer?.actor.kind === 'ADMIN',
    }),
    unauthorizedError: (_parent, ctx) => {
      if (ctx.viewer)
        return new GraphQLError('Only admins may do this.', { extensions: { code: 'FORBIDDEN' } });
      const message = ctx.tokenRejected
        ? 'The bearer token names no user.'
        : 'Authentication required: send `Authorization: Bearer <token>`.';
      return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
    },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    idFieldOptions: { description: 'Opaque global id; `node(id:)` fetches the object again.' },
    nodeTypeOptions: {
      description: 'An object with a global id, refetchable through `node(id:)`.',
      resolveType: (value: unknown) => resolveNodeType(value, brandName),
    },
    // Both defined in nodes.ts: a malformed id answers null, and `nodes` caps its ids.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole listing.' },
    hasNextPageFieldOptions: { description: 'More items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Items precede this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'The cursor of the last item of the page.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole listing.' },
    edgesFieldOptions: { description: 'The items of the page, each with its cursor.' },
    nodesOnConnection: { description: 'The items of the page.' },
    cursorFieldOptions: { description: cursorDoc },
    nodeFieldOptions: { description: 'The item.' },
    firstArgOptions: { description: 'How many items to return: 1 to 100 (default 50).' },
    afterArgOptions: { description: 'Return the items after this cursor.' },
    lastArgOptions: { description: 'How many items to return from the end.' },
    beforeArgOptions: { description: 'Return the items before this cursor.' },
  },
});

/** The builder's full type set, for helpers that take Pothos field builders. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<PortalTypes>;

/** The name of the type Pothos branded an object with (a declared signature: `builder` is circular here). */
function brandName(brand: object | string): string {
  return builder.configStore.getTypeConfig(brand as never).name;
}
