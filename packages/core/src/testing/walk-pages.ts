import type { KeysetConnection } from '../keyset-page.ts';
import type { Result } from '../result.ts';

/**
 * Reads a keyset listing page by page from the start, each page after the previous one's
 * `endCursor`, until `hasNextPage` is false; throws on a refusal or a listing that never ends.
 */
export async function walkPages<T>(
  read: (after: string | undefined) => Promise<Result<KeysetConnection<T>, Error>>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let after: string | undefined;
  for (let n = 0; n < 100; n++) {
    const page = await read(after);
    if (!page.ok) throw page.error;
    pages.push(page.value.nodes);
    if (!page.value.pageInfo.hasNextPage) return pages;
    after = page.value.pageInfo.endCursor ?? undefined;
  }
  throw new Error('The listing never ended.');
}
