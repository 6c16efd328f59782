import type { ErrorCode } from './error-codes.ts';

/**
 * Base of every expected failure in core. `code` is a literal that the GraphQL layer maps to a
 * `userErrors` entry and the TUI shows; `path` points at the offending input field when there is one.
 * `context` carries safe, structured detail (never key material or secrets).
 */
export abstract class DomainError extends Error {
  /** One of ERROR_CODES: a code missing there fails the type check (and the GraphQL enum's test). */
  abstract readonly code: ErrorCode;
  readonly path: readonly string[] | undefined;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    message: string,
    options: { path?: readonly string[]; context?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.path = options.path;
    this.context = options.context ?? {};
  }
}

/** The codes of the generic errors, each with what it means (the GraphQL enum's descriptions). */
export const GENERIC_ERROR_CODES = {
  INVALID_INPUT: 'Input that fails validation; `path` names the field.',
  NOT_FOUND: 'An id that names nothing the caller may see.',
  FORBIDDEN: "The caller's role does not allow the action.",
} as const;

/** Input that fails validation before anything is looked up or changed. `path` names the field. */
export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT' as const;
}

/** An id that names nothing the caller may see (unknown, or another organisation's). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;

  constructor(what: string, id: string, path?: readonly string[]) {
    super(`No ${what} with id ${id}.`, { path, context: { what, id } });
  }
}

/** The caller's role does not allow the action. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

/** The same error pointing at an input field, for a service that passes another's input through. */
export function atPath<E extends DomainError>(error: E, path: readonly string[]): E {
  const copy = Object.create(Object.getPrototypeOf(error)) as E;
  Object.assign(copy, error, { path });
  Object.defineProperty(copy, 'message', { value: error.message, writable: true, configurable: true });
  return copy;
}
