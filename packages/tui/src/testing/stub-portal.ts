// A stubbed portal for view tests (Shopify cli-kit style): an urql client whose only exchange
// answers each operation from a handler the test registers for its document. Handlers are typed by
// the generated documents, so a fixture that drifts from schema.graphql fails typecheck. No server,
// no database: a view test costs milliseconds, and the live-server suites stay as smoke tests.
import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import {
  Client,
  type Exchange,
  getOperationName,
  makeErrorResult,
  makeResult,
  type Operation,
  type OperationResult,
} from '@urql/core';
import { GraphQLError } from 'graphql';
import { filter, fromPromise, mergeMap, never, pipe } from 'wonka';

// biome-ignore lint/suspicious/noExplicitAny: a registry holds documents of every result type
type AnyDocument = TypedDocumentNode<any, any>;
type Handler<D extends AnyDocument> = (variables: VariablesOf<D>) => ResultOf<D> | Promise<ResultOf<D>>;

export interface StubCall {
  readonly kind: 'query' | 'mutation' | 'subscription';
  readonly operationName: string;
  readonly variables: Record<string, unknown>;
}

/** Thrown by a handler to answer with a network error, as when the server is down. */
export class StubNetworkError extends Error {}

export class StubPortal {
  readonly #handlers = new Map<string, (variables: never) => unknown>();
  /** Every operation the client sent, in order (subscriptions included). */
  readonly calls: StubCall[] = [];
  readonly client: Client;

  constructor() {
    const exchange: Exchange = () => (operations$) =>
      pipe(
        operations$,
        filter((operation) => operation.kind !== 'teardown'),
        mergeMap((operation) => {
          this.calls.push({
            kind: operation.kind as StubCall['kind'],
            operationName: getOperationName(operation.query) ?? '(anonymous)',
            variables: (operation.variables ?? {}) as Record<string, unknown>,
          });
          // Live updates stay silent unless a test answers them; the views fall back to polling.
          if (operation.kind === 'subscription' && !this.#handlers.has(nameOf(operation))) return never;
          return fromPromise(this.#answer(operation));
        }),
      );
    this.client = new Client({ url: 'http://stub.invalid/graphql', exchanges: [exchange] });
  }

  /** Answers every operation of `document` with `handler(variables)`; the latest registration wins. */
  on<D extends AnyDocument>(document: D, handler: Handler<D>): this {
    const name = getOperationName(document);
    if (!name) throw new Error('A stubbed document needs an operation name.');
    this.#handlers.set(name, handler as (variables: never) => unknown);
    return this;
  }

  /** How many times the client sent the operation named `operationName`. */
  count(operationName: string): number {
    return this.calls.filter((call) => call.operationName === operationName).length;
  }

  async #answer(operation: Operation): Promise<OperationResult> {
    await Promise.resolve(); // answer asynchronously, as a network does
    const handler = this.#handlers.get(nameOf(operation));
    if (!handler) {
      // An unanswered operation is a test's mistake: say which, on screen and in the result.
      const error = new GraphQLError(`No stub answers ${nameOf(operation)}.`);
      return makeResult(operation, { errors: [error] });
    }
    try {
      const data = (await handler(operation.variables as never)) as Record<string, unknown>;
      return makeResult(operation, { data });
    } catch (error) {
      if (error instanceof StubNetworkError) return makeErrorResult(operation, error);
      const message = error instanceof Error ? error.message : String(error);
      return makeResult(operation, { errors: [new GraphQLError(message)] });
    }
  }
}

function nameOf(operation: Operation): string {
  return getOperationName(operation.query) ?? '(anonymous)';
}
