// One line for a failed request: the server's message, or why the network failed.
import type { CombinedError } from '@urql/core';
import type { UserErrorCode } from './generated.ts';

/** What every mutation's `userErrors` entry has, whatever its type adds (house style B6). */
export interface UserError {
  readonly __typename: string;
  readonly code: UserErrorCode;
  readonly message: string;
  readonly path: readonly string[] | null;
}

/** The network cause (`ECONNREFUSED`, `fetch failed`, HTTP status) or the first GraphQL error. */
export function describeError(error: CombinedError): string {
  if (error.networkError) {
    const cause = (error.networkError as Error & { cause?: { code?: string; message?: string } }).cause;
    const status = error.response?.status as number | undefined;
    if (status && status >= 400) return `HTTP ${status} ${error.response?.statusText ?? ''}`.trim();
    return cause?.code ?? cause?.message ?? error.networkError.message;
  }
  return error.graphQLErrors[0]?.message ?? error.message;
}

/** The code of the first GraphQL error (`UNAUTHENTICATED`, `FORBIDDEN`, …). */
export function errorCode(error: CombinedError): string | undefined {
  const code = error.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `userErrors` as one line: `name: Too long; CERTIFICATE_EXPIRED: …`. */
export function describeUserErrors(errors: readonly UserError[]): string {
  return errors
    .map((e) => {
      const field = e.path && e.path.length > 1 ? `${e.path.slice(1).join('.')}: ` : '';
      return `${field}${e.message} (${e.code})`;
    })
    .join('; ');
}
