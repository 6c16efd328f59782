// Every GraphQL document of the TUI goes through `operation()`: it keeps the source, so one test
// validates them all against the server's printed schema (a schema change breaks that test).
import { gql, type TypedDocumentNode } from '@urql/core';

const sources = new Map<string, string>();

/** A typed document from hand-written types; the name must be unique. */
export function operation<Data, Variables extends Record<string, unknown> = Record<string, never>>(
  name: string,
  source: string,
): TypedDocumentNode<Data, Variables> {
  if (sources.has(name)) throw new Error(`Duplicate GraphQL operation ${name}`);
  sources.set(name, source);
  return gql<Data, Variables>(source);
}

/** Name → source of every operation registered so far (import the operation modules first). */
export function registeredOperations(): ReadonlyMap<string, string> {
  return sources;
}
