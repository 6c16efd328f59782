import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { InvalidInputError } from '@repo/core';
import {
  type GraphQLArgument,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
// Types only: user-errors.ts needs the builder, which needs this plugin first.
import type { UserErrorShape } from './user-errors.ts';

// PostgreSQL text (and jsonb) cannot hold U+0000, so a NUL in any argument failed the statement it
// reached as INTERNAL_SERVER_ERROR. This plugin refuses one in the coerced arguments of every
// field that takes any: inline literals and variables alike, with global ids already decoded (the
// relay plugin maps them before any plugin's resolver runs), so no resolver has to remember to.

const pluginName = 'nulFreeInput';
export default pluginName;

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      nulFreeInput: PothosNulFreeInputPlugin<Types>;
    }
  }
}

const NUL = '\u0000';
type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types['Context'], object>;

export class PothosNulFreeInputPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: Resolver<Types>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> {
    // A subscription's arguments are checked once, when it subscribes.
    if (Object.keys(fieldConfig.args).length === 0 || fieldConfig.kind === 'Subscription') return resolver;
    const definitions = argumentDefinitions();
    return (parent, args, context, info) => {
      const path = nulPath(args as Record<string, unknown>, definitions(info));
      if (!path) return resolver(parent, args, context, info);
      const error = refusal(path);
      // A payload says it the way every other invalid input is said there.
      if (returnsPayload(info)) return { value: null, userErrors: [userError(error)] };
      throw topLevelError(error);
    };
  }

  override wrapSubscribe(
    subscribe: Resolver<Types> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> | undefined {
    if (!subscribe || Object.keys(fieldConfig.args).length === 0) return subscribe;
    const definitions = argumentDefinitions();
    return (parent, args, context, info) => {
      const path = nulPath(args as Record<string, unknown>, definitions(info));
      if (path) throw topLevelError(refusal(path));
      return subscribe(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, PothosNulFreeInputPlugin);

/** The field's argument types, read from the schema on its first call (Pothos has no GraphQL types yet when it wraps). */
function argumentDefinitions(): (info: GraphQLResolveInfo) => readonly GraphQLArgument[] {
  let definitions: readonly GraphQLArgument[] | undefined;
  return (info) => {
    definitions ??= info.parentType.getFields()[info.fieldName]?.args ?? [];
    return definitions;
  };
}

/** Where the first NUL sits, from the argument on (`['input', 'name']`, list positions as text). */
export function nulPath(
  args: Readonly<Record<string, unknown>>,
  definitions: readonly GraphQLArgument[],
): string[] | undefined {
  for (const definition of definitions) {
    const rest = nulPathIn(args[definition.name], definition.type);
    if (rest) return [definition.name, ...rest];
  }
  return undefined;
}

// The path is built on the way out, so a clean argument allocates nothing.
function nulPathIn(value: unknown, type: GraphQLInputType): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    const items: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const rest = nulPathIn(items[i], nullable.ofType);
      if (rest) return [String(i), ...rest];
    }
    return undefined;
  }
  if (isInputObjectType(nullable)) {
    const fields = value as Readonly<Record<string, unknown>>;
    for (const field of Object.values(nullable.getFields())) {
      const rest = nulPathIn(fields[field.name], field.type);
      if (rest) return [field.name, ...rest];
    }
    return undefined;
  }
  return holdsNul(value) ? [] : undefined;
}

/**
 * A scalar's value: text, a global id the relay plugin decoded (`{ typename, id }`), or a Date.
 * `node`/`nodes` take raw ids and answer null for one that decodes to a NUL (nodes.ts).
 */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((part) => typeof part === 'string' && part.includes(NUL));
}

function refusal(path: readonly string[]): InvalidInputError {
  return new InvalidInputError(`${path.join('.')} must not contain a NUL character (U+0000).`, { path });
}

/** A `<Mutation>Payload` (or a query's payload): an object type with `userErrors`. */
function returnsPayload(info: GraphQLResolveInfo): boolean {
  const type = isNonNullType(info.returnType) ? info.returnType.ofType : info.returnType;
  return isObjectType(type) && 'userErrors' in type.getFields();
}

// Payload types read `value` (null: nothing was done) or fields of their own (absent here, so null)
// and `userErrors`, as `settle()` makes them.
function userError(error: InvalidInputError): UserErrorShape {
  return {
    typename: 'GenericUserError',
    code: error.code,
    message: error.message,
    path: error.path ?? null,
    error,
  };
}

/** Like core's refusals of query input (`domainGraphQLError`), with the input path as well. */
function topLevelError(error: InvalidInputError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, inputPath: error.path } });
}
