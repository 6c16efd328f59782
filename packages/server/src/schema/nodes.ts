import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { GraphQLError, type GraphQLSchema, isObjectType } from 'graphql';
import { builder } from './builder.ts';

/** Ids per `nodes` call: each costs a lookup, and 30,000 of them once held the event loop 3.3 s. */
export const MAX_NODE_IDS = 100;

/**
 * `node(id:)` and `nodes(ids:)` replace the relay plugin's own fields, which fail the whole query
 * on one malformed id: here an id that does not decode, names a type that is not a node, or holds
 * a character PostgreSQL text cannot (NUL), answers null in its place, like an id of an object
 * the caller may not see.
 */
builder.queryField('node', (t) =>
  t.field({
    description: 'The object with this global id, or null when it is malformed, unknown or not visible.',
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true, description: 'A global id from any `id` field.' }) },
    resolve: async (_root, { id }, ctx, info) => {
      const [node] = await resolveNodes(builder, ctx, info, [nodeId(String(id), info.schema)]);
      return node ?? null;
    },
  }),
);

builder.queryField('nodes', (t) =>
  t.field({
    description: `The objects with these global ids, in order; null for any that is malformed, unknown or not visible. At most ${MAX_NODE_IDS} ids per call.`,
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    args: { ids: t.arg.idList({ required: true, description: 'Global ids from any `id` fields.' }) },
    resolve: (_root, { ids }, ctx, info) => {
      if (ids.length > MAX_NODE_IDS) {
        throw new GraphQLError(`nodes takes at most ${MAX_NODE_IDS} ids per call; ${ids.length} were sent.`, {
          extensions: { code: 'TOO_MANY_IDS', limit: MAX_NODE_IDS },
        });
      }
      const parsed = ids.map((id) => nodeId(String(id), info.schema));
      return resolveNodes(builder, ctx, info, parsed);
    },
  }),
);

function nodeId(globalId: string, schema: GraphQLSchema): { id: string; typename: string } | null {
  let decoded: { id: string; typename: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    return null;
  }
  if (decoded.id.includes('\u0000')) return null;
  const type = schema.getType(decoded.typename);
  const isNode = isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
  return isNode ? decoded : null;
}
