/**
 * Base of every expected failure in core. `code` is a literal that the GraphQL layer maps to a
 * `userErrors` entry and the TUI shows; `path` points at the offending input field when there is one.
 * `context` carries safe, structured detail (never key material or secrets).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
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
