import { encodeGlobalID } from '@pothos/plugin-relay';
import { type DomainError, ERROR_CODES, type ErrorCode, type Result } from '@repo/core';
import { GraphQLError } from 'graphql';
import { builder } from './builder.ts';
import { typenameOfIdPrefix } from './node-types.ts';

/** A core error as the schema shows it: its GraphQL type, and the error itself for detail fields. */
export interface UserErrorShape<E extends DomainError = DomainError> {
  readonly typename: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly path: readonly string[] | null;
  readonly error: E;
}

/** How a mutation's input names what core calls by its own field names. */
export interface ErrorPaths {
  /** Core field → input field, beyond the defaults (`providerId` → `provider`, …). */
  readonly fields?: Readonly<Record<string, string>>;
  /** The input field naming the mutation's object: where a NOT_FOUND without a path points. */
  readonly subject?: string;
  /** The input field another error without a path is about, if any (e.g. `pem` for X.509 refusals). */
  readonly fallback?: (error: DomainError) => string | undefined;
  /**
   * The argument the fields belong to: `input` (the default), or null for a field whose
   * arguments are the fields themselves (`certificateUsage(certificate:)`).
   */
  readonly argument?: string | null;
}

const DEFAULT_FIELDS: Readonly<Record<string, string>> = {
  providerId: 'provider',
  organisationId: 'organisation',
  organisationIds: 'organisations',
  appId: 'app',
  productId: 'product',
  planId: 'plan',
  ownerId: 'owner',
};
const typenameByCode = new Map<string, string>();

// Built from core's list, so a code core can produce is never missing here (test/user-error-codes).
export const UserErrorCode = builder.enumType('UserErrorCode', {
  description: 'Why a mutation or query did not do what was asked: a stable machine-readable reason.',
  values: Object.fromEntries(
    Object.entries(ERROR_CODES).map(([code, description]) => [code, { description }]),
  ) as Record<ErrorCode, { description: string }>,
});

export const UserError = builder.interfaceRef<UserErrorShape>('UserError').implement({
  description:
    'Why a mutation or query did not do what was asked, in terms the caller can act on. Nothing was changed.',
  resolveType: (error) => error.typename,
  fields: (t) => ({
    code: t.expose('code', {
      type: UserErrorCode,
      description: 'Stable machine-readable reason; its enum lists every reason there is.',
    }),
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
    path: t.exposeStringList('path', {
      nullable: true,
      description:
        'The input field at fault, from the argument on: `["input", "name"]`; null when no one field is.',
    }),
  }),
});

builder.objectRef<UserErrorShape>('GenericUserError').implement({
  description: 'A user error with nothing to tell beyond its code, message and path.',
  interfaces: [UserError],
});

/** Shows errors with this code as `typename`, a type implementing UserError defined by its domain file. */
export function registerUserErrorType(code: string, typename: string): void {
  typenameByCode.set(code, typename);
}

export { registerNodeIdPrefix } from './node-types.ts';

/** Core's raw ids (`crt_…`) never reach a client: messages name objects by their global ids. */
export function withGlobalIds(text: string): string {
  return text.replace(/\b([a-z]{2,5})_[0-9a-z]{26}\b/g, (raw, prefix: string) => {
    const typename = typenameOfIdPrefix(prefix);
    return typename ? encodeGlobalID(typename, raw) : raw;
  });
}

export function toUserError(error: DomainError, paths: ErrorPaths = {}): UserErrorShape {
  const fields = { ...DEFAULT_FIELDS, ...paths.fields };
  const [head, ...rest] = error.path ?? [];
  const field = error.code === 'NOT_FOUND' && paths.subject ? paths.subject : paths.fallback?.(error);
  const root = paths.argument === undefined ? ['input'] : paths.argument === null ? [] : [paths.argument];
  const path =
    head !== undefined ? [...root, fields[head] ?? head, ...rest] : field ? [...root, field] : null;
  return {
    typename: typenameByCode.get(error.code) ?? 'GenericUserError',
    code: error.code,
    message: withGlobalIds(error.message),
    path,
    error,
  };
}

/** A core Result as a payload's parts: the value, or null and the error as `userErrors`. */
export function settle<T>(
  result: Result<T, DomainError>,
  paths?: ErrorPaths,
): { value: T | null; userErrors: UserErrorShape[] } {
  return result.ok
    ? { value: result.value, userErrors: [] }
    : { value: null, userErrors: [toUserError(result.error, paths)] };
}

/** For queries, which have no payload: a core error as a top-level error that masking lets through. */
export function domainGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(withGlobalIds(error.message), { extensions: { code: error.code } });
}

export const USER_ERRORS_DOC = 'Why nothing was done; empty when the mutation succeeded.';

/** Queries that can fail for domain reasons answer a payload too: the answer, or these. */
export const QUERY_USER_ERRORS_DOC = 'Why there is no answer; empty when the query succeeded.';
