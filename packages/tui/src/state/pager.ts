// Cursor pagination of a connection as the table scrolls: pages are appended as the cursor nears
// the end of what is loaded. A new filter or order starts a new generation, and answers for an
// older one are dropped. Pure.

export interface Pager<T> {
  readonly rows: readonly T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number | null;
  readonly loading: boolean;
  readonly error: string | null;
  /** Which query the rows belong to. */
  readonly generation: number;
  /** A reload of the same query: the old rows stay on screen until the first page replaces them. */
  readonly replacing: boolean;
}

export interface Page<T> {
  readonly nodes: readonly T[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
  readonly totalCount?: number;
}

export type PagerAction<T> =
  | { readonly type: 'reset'; readonly generation: number; readonly keepRows?: boolean }
  | { readonly type: 'loading' }
  | { readonly type: 'loaded'; readonly generation: number; readonly page: Page<T> }
  | { readonly type: 'failed'; readonly generation: number; readonly error: string }
  /** A live refresh read again every page loaded so far: its rows replace them at once. */
  | {
      readonly type: 'refreshed';
      readonly generation: number;
      readonly rows: readonly T[];
      readonly pageInfo: Page<T>['pageInfo'];
    };

export function emptyPager<T>(generation = 0): Pager<T> {
  return {
    rows: [],
    endCursor: null,
    hasNextPage: true,
    totalCount: null,
    loading: false,
    error: null,
    generation,
    replacing: false,
  };
}

export function pagerReducer<T>(pager: Pager<T>, action: PagerAction<T>): Pager<T> {
  switch (action.type) {
    case 'reset':
      return action.keepRows
        ? { ...pager, generation: action.generation, replacing: true, error: null }
        : emptyPager(action.generation);
    case 'loading':
      return { ...pager, loading: true, error: null };
    case 'loaded':
      if (action.generation !== pager.generation) return pager;
      return {
        ...pager,
        rows: pager.replacing ? action.page.nodes : [...pager.rows, ...action.page.nodes],
        replacing: false,
        endCursor: action.page.pageInfo.endCursor,
        hasNextPage: action.page.pageInfo.hasNextPage,
        totalCount: action.page.totalCount ?? pager.totalCount,
        loading: false,
      };
    case 'failed':
      if (action.generation !== pager.generation) return pager;
      return { ...pager, loading: false, error: action.error };
    case 'refreshed':
      // A page asked for meanwhile, or a new query, wins: this refresh read an older state.
      if (action.generation !== pager.generation || pager.loading || pager.replacing) return pager;
      return {
        ...pager,
        rows: action.rows,
        endCursor: action.pageInfo.endCursor,
        hasNextPage: action.pageInfo.hasNextPage,
      };
  }
}

/** Whether to fetch the next page: the cursor is within `ahead` rows of the end of what is loaded. */
export function wantsMore<T>(pager: Pager<T>, index: number, ahead: number): boolean {
  if (pager.replacing || pager.loading || pager.error !== null || !pager.hasNextPage) return false;
  return index >= pager.rows.length - ahead;
}
