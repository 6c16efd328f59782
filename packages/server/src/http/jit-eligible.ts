import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isInputObjectType,
  typeFromAST,
} from 'graphql';

const verdicts = new WeakMap<DocumentNode, Map<string | null, boolean>>();

/**
 * Whether graphql-jit may run this operation: a query whose variables hold no @oneOf input.
 * graphql-jit coerces variables itself and does not enforce @oneOf (a filter with both `user` and
 * `component` reached the resolver), so such operations keep graphql-js, which refuses them as the
 * spec says. Decided once per parsed document (Yoga caches documents, so this cache is bounded too).
 */
export function jitEligible(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null) {
  const key = operationName ?? null;
  let byOperation = verdicts.get(document);
  const known = byOperation?.get(key);
  if (known !== undefined) return known;
  const operation = getOperationAST(document, operationName);
  const eligible =
    operation?.operation === 'query' &&
    !(operation.variableDefinitions ?? []).some((v) => {
      const type = typeFromAST(schema, v.type as never) as GraphQLInputType | undefined;
      return type !== undefined && reachesOneOf(type, new Set());
    });
  if (!byOperation) {
    byOperation = new Map();
    verdicts.set(document, byOperation);
  }
  byOperation.set(key, eligible);
  return eligible;
}

function reachesOneOf(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  if (named.isOneOf) return true;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => reachesOneOf(field.type, seen));
}
