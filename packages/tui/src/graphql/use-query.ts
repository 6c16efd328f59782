// A query as React state: refetched when its variables change, on ctrl-r, or on `refetch()`.
// Answers to a superseded request are dropped.
import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useApp, ViewActiveContext } from '../app-context.ts';
import { connectionOutcome } from './connection-outcome.ts';
import { describeError } from './describe-error.ts';
import { useRefetchOnReturn } from './use-refetch-on-return.ts';

export interface QueryState<Data> {
  readonly data: Data | undefined;
  readonly error: string | undefined;
  readonly fetching: boolean;
  refetch(): void;
}

export function useQuery<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  options: { pause?: boolean; live?: boolean } = {},
): QueryState<Data> {
  const { client, dispatch, refresh, liveRefreshMs, idle, online } = useApp();
  const active = useContext(ViewActiveContext);
  const [state, setState] = useState<{ data?: Data; error?: string; fetching: boolean }>({
    fetching: !options.pause,
  });
  const [nonce, setNonce] = useState(0);
  const [tick, setTick] = useState(0);
  const request = useRef(0);
  // A live refresh asks again without saying so: the rows stay, no "loading…" every few seconds.
  const quiet = useRef(false);
  const key = JSON.stringify(variables);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `variables`; nonce and refresh force a refetch.
  useEffect(() => {
    if (options.pause) return;
    const id = ++request.current;
    const silent = quiet.current;
    quiet.current = false;
    if (!silent) setState((s) => ({ ...s, fetching: true }));
    void client
      .query(document, variables)
      .toPromise()
      .then((result) => {
        if (id !== request.current) return;
        // A server that went away answers with a network error and no data: keep the last data
        // on screen (the view shows the error beside it) rather than an empty list.
        const outcome = connectionOutcome(result);
        dispatch(outcome);
        const lost = !outcome.online;
        setState((s) => ({
          data: lost ? s.data : (result.data ?? undefined),
          error: result.error ? describeError(result.error) : undefined,
          fetching: false,
        }));
      });
  }, [client, document, key, nonce, tick, refresh, options.pause]);

  // Live: while on top and nothing else is open, ask again every liveRefreshMs; relative times
  // ("5s ago") tick with it.
  // Also while the server is away, whatever the view: it recovers by itself when the server is back.
  useEffect(() => {
    if (!(options.live || !online) || !active || !idle || liveRefreshMs <= 0) return;
    const timer = setInterval(() => {
      quiet.current = true;
      setTick((n) => n + 1);
    }, liveRefreshMs);
    return () => clearInterval(timer);
  }, [options.live, online, active, idle, liveRefreshMs]);

  const refetch = useCallback(() => setNonce((n) => n + 1), []);
  useRefetchOnReturn(refetch);
  return { data: state.data, error: state.error, fetching: state.fetching, refetch };
}
