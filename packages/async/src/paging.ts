/**
 * Lists beyond the server's first page: the `rel="next"` link of each page, checked and turned
 * into the query of the next one-page call. Only the query of a link is used, sent to the list's
 * own URL, so credentials go nowhere else. The async iterators live here; the sync client drives
 * the same {@link createPager} with blocking calls.
 */
import type { Link } from '@s2gos/models';
import { clientError } from './errors.js';
import type { SearchParams } from './url.js';

/** One page of a list: its items and links. */
export interface Page<T> {
  items: readonly T[];
  links?: readonly Link[] | undefined;
}

/** Follows the pages of one list: give it each page, it returns the query of the next or `undefined`. */
export interface Pager {
  /** The query of the page after `page`, or `undefined` after the last page. */
  next(page: Page<unknown>): SearchParams | undefined;
}

/**
 * Starts following the pages of the list at `listUrl` (absolute).
 *
 * @throws from `next`: a `ClientError` (`invalidResponse`) for a next link to another origin or
 *   back to a page already read
 */
export function createPager(listUrl: URL): Pager {
  const seen = new Set<string>();
  return {
    next(page) {
      const link = page.links?.find((candidate) => candidate.rel === 'next');
      if (!link) return undefined;
      let url: URL | undefined;
      try {
        url = new URL(link.href, listUrl);
      } catch {
        url = undefined;
      }
      if (url?.origin !== listUrl.origin) {
        throw invalidLink(link.href, `is not on the server's origin ${listUrl.origin}`);
      }
      if (seen.has(url.search)) throw invalidLink(link.href, 'leads back to a page already read');
      seen.add(url.search);
      // A name given more than once (status=a&status=b) stays a list.
      const query: Record<string, string[]> = {};
      for (const name of new Set(url.searchParams.keys())) {
        query[name] = url.searchParams.getAll(name);
      }
      return query;
    },
  };
}

function invalidLink(href: string, problem: string) {
  return clientError(
    'invalidResponse',
    `the server's next-page link ${JSON.stringify(href)} ${problem}`,
    {
      url: href,
      apiError: { title: 'Invalid next-page link' },
    },
  );
}

/** Every item of a list, page by page: `fetchPage` reads one page for a query. */
export async function* iteratePages<T>(
  listUrl: URL,
  first: SearchParams,
  fetchPage: (searchParams: SearchParams) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  const pager = createPager(listUrl);
  let query: SearchParams | undefined = first;
  while (query) {
    const page = await fetchPage(query);
    yield* page.items;
    query = pager.next(page);
  }
}
