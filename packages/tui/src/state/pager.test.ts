import { describe, expect, it } from 'vitest';
import { emptyPager, type Page, pagerReducer, wantsMore } from './pager.ts';

const page = (nodes: number[], endCursor: string | null, hasNextPage: boolean): Page<number> => ({
  nodes,
  pageInfo: { endCursor, hasNextPage },
  totalCount: 250,
});

describe('pagerReducer', () => {
  it('appends pages of the current generation', () => {
    let pager = pagerReducer(emptyPager<number>(), { type: 'reset', generation: 1 });
    pager = pagerReducer(pager, { type: 'loading' });
    expect(pager.loading).toBe(true);
    pager = pagerReducer(pager, { type: 'loaded', generation: 1, page: page([1, 2], 'c2', true) });
    pager = pagerReducer(pager, { type: 'loaded', generation: 1, page: page([3], 'c3', false) });
    expect(pager).toMatchObject({
      rows: [1, 2, 3],
      endCursor: 'c3',
      hasNextPage: false,
      totalCount: 250,
      loading: false,
    });
  });

  it('drops answers for an older generation', () => {
    const pager = pagerReducer(emptyPager<number>(), { type: 'reset', generation: 2 });
    expect(pagerReducer(pager, { type: 'loaded', generation: 1, page: page([9], 'x', true) })).toBe(pager);
    expect(pagerReducer(pager, { type: 'failed', generation: 1, error: 'old' })).toBe(pager);
    expect(pagerReducer(pager, { type: 'failed', generation: 2, error: 'HTTP 500' }).error).toBe('HTTP 500');
  });

  it('wants more near the end of what is loaded, unless loading, failed or done', () => {
    const loaded = pagerReducer(emptyPager<number>(), {
      type: 'loaded',
      generation: 0,
      page: page([...Array(100).keys()], 'c', true),
    });
    expect(wantsMore(loaded, 50, 20)).toBe(false);
    expect(wantsMore(loaded, 80, 20)).toBe(true);
    expect(wantsMore({ ...loaded, loading: true }, 99, 20)).toBe(false);
    expect(wantsMore({ ...loaded, error: 'x' }, 99, 20)).toBe(false);
    expect(wantsMore({ ...loaded, hasNextPage: false }, 99, 20)).toBe(false);
  });

  it('a reload keeps the rows on screen until its first page replaces them', () => {
    let pager = pagerReducer(emptyPager<number>(), {
      type: 'loaded',
      generation: 0,
      page: page([1, 2, 3], 'c3', true),
    });
    pager = pagerReducer(pager, { type: 'reset', generation: 1, keepRows: true });
    expect(pager).toMatchObject({ rows: [1, 2, 3], replacing: true, generation: 1 });
    expect(wantsMore(pager, 2, 10)).toBe(false);
    pager = pagerReducer(pager, { type: 'loaded', generation: 1, page: page([1, 9], 'c9', true) });
    expect(pager).toMatchObject({ rows: [1, 9], replacing: false, endCursor: 'c9' });
  });

  it('a live refresh replaces the loaded rows at once, unless a page or a new query came meanwhile', () => {
    const loaded = pagerReducer(emptyPager<number>(), {
      type: 'loaded',
      generation: 0,
      page: page([1, 2, 3], 'c3', true),
    });
    const refreshed = {
      type: 'refreshed',
      generation: 0,
      rows: [1, 5, 3],
      pageInfo: { endCursor: 'c3', hasNextPage: false },
    } as const;
    expect(pagerReducer(loaded, refreshed)).toMatchObject({
      rows: [1, 5, 3],
      hasNextPage: false,
      loading: false,
    });
    expect(pagerReducer({ ...loaded, loading: true }, refreshed)).toMatchObject({ rows: [1, 2, 3] });
    expect(pagerReducer({ ...loaded, generation: 1 }, refreshed)).toMatchObject({ rows: [1, 2, 3] });
  });
});
