import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function refuse(what: string): never {
  throw new GraphQLError(`An Int64 must be a whole number from -2^63 to 2^63-1, as a string; got ${what}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** A decimal string (or a number JavaScript holds exactly) as a bigint, refused outside int64. */
function toInt64(value: unknown): bigint {
  let parsed: bigint | undefined;
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) parsed = BigInt(value);
  // A number past 2^53 may already have been rounded by the client's JSON: refuse it, not guess.
  else if (typeof value === 'number' && Number.isSafeInteger(value)) parsed = BigInt(value);
  if (parsed === undefined || parsed < INT64_MIN || parsed > INT64_MAX)
    refuse(typeof value === 'string' ? JSON.stringify(value) : String(value));
  return parsed;
}

// A string on the wire: Tyk's int64 fields (quota_max) outgrow GraphQL's 32-bit Int, and a JSON
// number past 2^53 is silently rounded by JavaScript clients, so only a string is exact for all of
// int64. Input takes the string, or a number small enough to be exact.
builder.scalarType('Int64', {
  description:
    'A signed 64-bit integer, written as a decimal string (`"9007199254740993"`) so that no JSON ' +
    'client rounds it. Input also takes an integer literal, or a JSON number up to 2^53-1.',
  serialize: (value) => toInt64(typeof value === 'bigint' ? String(value) : value).toString(),
  parseValue: toInt64,
  // A literal is text, so even an integer literal past 2^53 arrives exact.
  parseLiteral: (ast) =>
    ast.kind === Kind.STRING || ast.kind === Kind.INT ? toInt64(ast.value) : refuse(ast.kind),
});
