/** One page of a Dashboard listing and the page count the Dashboard reports beside it. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly pages: number;
}

/**
 * The Dashboard's paging: `p` is 1-based; a missing, empty or zero `p` is page 1; `p` < 0
 * returns every item ("send number less than 0 to return all items", DSW). `pages` is
 * ceil(total / pageSize) in every case, so an empty listing reports 0 pages [infer].
 * A page past the end is an empty list, not an error [infer].
 */
export function paginate<T>(items: readonly T[], rawPage: string | null, pageSize: number): Page<T> {
  const pages = Math.ceil(items.length / pageSize);
  const page = Number.parseInt(rawPage ?? '', 10);
  if (page < 0) return { items, pages };
  const index = Number.isNaN(page) || page === 0 ? 1 : page;
  const start = (index - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), pages };
}
