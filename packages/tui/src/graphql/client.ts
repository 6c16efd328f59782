// The urql client of the TUI: bearer token, no cache (an admin console shows what the server says
// now), subscriptions over SSE through the abort-safe fetch.
import { Client, fetchExchange } from '@urql/core';
import { sseSafeFetch } from './sse-safe-fetch.ts';

export interface PortalConnection {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  readonly url: string;
  readonly token: string;
}

export function createPortalClient(
  { url, token }: PortalConnection,
  fetchImpl: typeof fetch = fetch,
): Client {
  return new Client({
    url,
    exchanges: [fetchExchange],
    fetchSubscriptions: true,
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetch: sseSafeFetch(fetchImpl),
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
  });
}
