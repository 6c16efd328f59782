// A connection read page by page as the table scrolls (state/pager.ts does the bookkeeping).

import type { TypedDocumentNode } from '@urql/core';
import { useCallback, useContext, useEffect, useReducer, useRef } from 'react';
import { useApp, ViewActiveContext } from '../app-context.ts';
import { emptyPager, type Page, type Pager, pagerReducer } from '../state/pager.ts';
import { connectionOutcome } from './connection-outcome.ts';
import { describeError } from './describe-error.ts';
import { useRefetchOnReturn } from './use-refetch-on-return.ts';

type Paged = { first: number; after?: string | null };

export interface PagerHandle<T> {
  readonly pager: Pager<T>;
  /** Fetches the next page unless one is on its way or none is left. */
  loadMore(): void;
  /** Starts again from the first page. */
  reload(): void;
}

export function usePager<Data, Variables extends Paged, T>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  pick: (data: Data) => Page<T>,
  pageSize = 100,
  options: { readonly live?: boolean } = {},
): PagerHandle<T> {
  const { client, refresh, dispatch: appDispatch, online, idle, liveRefreshMs } = useApp();
  const active = useContext(ViewActiveContext);
  const [pager, dispatch] = useReducer(pagerReducer<T>, undefined, () => emptyPager<T>());
  const latest = useRef(pager);
  latest.current = pager;
  const generation = useRef(0);
  const inFlight = useRef<number | null>(null);
  const refreshing = useRef(false);
  const [nonce, bump] = useReducer((n: number) => n + 1, 0);
  const key = JSON.stringify(variables);
  const inputs = useRef({ variables, pick });
  inputs.current = { variables, pick };

  const fetchPage = useCallback(
    (gen: number, after: string | null) => {
      inFlight.current = gen;
      dispatch({ type: 'loading' });
      const vars = { ...inputs.current.variables, first: pageSize, after } as Variables;
      void client
        .query(document, vars)
        .toPromise()
        .then((result) => {
          if (inFlight.current === gen) inFlight.current = null;
          appDispatch(connectionOutcome(result));
          if (result.error || !result.data) {
            const error = result.error ? describeError(result.error) : 'no data';
            dispatch({ type: 'failed', generation: gen, error });
          } else dispatch({ type: 'loaded', generation: gen, page: inputs.current.pick(result.data) });
        });
    },
    [client, document, pageSize, appDispatch],
  );

  // A new filter or order starts empty; a reload (ctrl-r, after a change) keeps the rows, and so
  // the cursor, until the first page is back.
  const shownKey = useRef(key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `variables`; refresh and nonce restart.
  useEffect(() => {
    const gen = ++generation.current;
    dispatch({ type: 'reset', generation: gen, keepRows: shownKey.current === key && gen > 1 });
    shownKey.current = key;
    fetchPage(gen, null);
  }, [key, refresh, nonce, fetchPage]);

  const loadMore = useCallback(() => {
    const current = latest.current;
    if (inFlight.current !== null || !current.hasNextPage || current.error || current.endCursor === null)
      return;
    fetchPage(current.generation, current.endCursor);
  }, [fetchPage]);

  // Live: while on top and nothing else is open, read again every page loaded so far, quietly (no
  // "loading…"), and swap the rows in at once: statuses change under the cursor, which stays.
  useEffect(() => {
    if (!options.live || !online || !active || !idle || liveRefreshMs <= 0) return;
    const timer = setInterval(() => {
      const current = latest.current;
      // One refresh at a time: a slow server must not stack them up tick after tick.
      if (refreshing.current || inFlight.current !== null || current.loading || current.replacing) return;
      refreshing.current = true;
      const gen = current.generation;
      const wanted = Math.max(current.rows.length, 1);
      void (async () => {
        const rows: T[] = [];
        let after: string | null = null;
        let pageInfo: Page<T>['pageInfo'] = { endCursor: null, hasNextPage: false };
        do {
          const vars = { ...inputs.current.variables, first: pageSize, after } as Variables;
          const result = await client.query(document, vars).toPromise();
          appDispatch(connectionOutcome(result));
          if (result.error || !result.data || latest.current.generation !== gen) return;
          const page = inputs.current.pick(result.data);
          rows.push(...page.nodes);
          pageInfo = page.pageInfo;
          after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
        } while (after !== null && rows.length < wanted);
        dispatch({ type: 'refreshed', generation: gen, rows, pageInfo });
      })().finally(() => {
        refreshing.current = false;
      });
    }, liveRefreshMs);
    return () => clearInterval(timer);
  }, [options.live, online, active, idle, liveRefreshMs, client, document, pageSize, appDispatch]);

  useRefetchOnReturn(bump);
  // While the server is away, try again now and then: the view recovers without ctrl-r.
  useEffect(() => {
    if (online || !active || !idle || liveRefreshMs <= 0) return;
    const timer = setInterval(bump, liveRefreshMs);
    return () => clearInterval(timer);
  }, [online, active, idle, liveRefreshMs]);
  return { pager, loadMore, reload: bump };
}
