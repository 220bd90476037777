/**
 * Lists beyond the server's first page: follows `rel="next"` links through the client's one-page
 * calls (`getProcesses`, `getJobs`), sending each next link's query. Kept in this one module so
 * that it can give way to the clients' own iterators.
 */
import {
  type AsyncClient,
  ClientError,
  ErrorType,
  type JobInfo,
  type JobListQuery,
  type Link,
  type ProcessSummary,
} from '@s2gos/async';

type Query = JobListQuery;

// Pages of a hundred keep each answer small; a larger --limit asks for it in one page (servers
// may answer with less, OGC API lets them).
const PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/**
 * The page size to ask for to show `limit` items (all with `undefined`): one more than shown,
 * so that the first page alone tells whether there are more.
 */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return PAGE_SIZE;
  return Math.min(Math.max(limit + 1, PAGE_SIZE), MAX_PAGE_SIZE);
}

/** The processes of the server, page by page; `limit` is the page size asked for. */
export function iterateProcesses(
  client: AsyncClient,
  limit: number,
): AsyncGenerator<ProcessSummary> {
  return followPages(client, 'processes', { limit }, async (searchParams) => {
    const { processes, links } = await client.getProcesses({ searchParams });
    return { items: processes, links };
  });
}

/** The jobs of the server matching `query` (its `limit` is the page size), page by page. */
export function iterateJobs(client: AsyncClient, query: JobListQuery): AsyncGenerator<JobInfo> {
  return followPages(client, 'jobs', query, async (searchParams) => {
    const { jobs, links } = await client.getJobs({ searchParams });
    return { items: jobs, links };
  });
}

async function* followPages<T>(
  client: AsyncClient,
  path: string,
  first: Query,
  fetchPage: (searchParams: Query) => Promise<{ items: readonly T[]; links?: Link[] | undefined }>,
): AsyncGenerator<T> {
  const serverUrl = client.config.serverUrl;
  const listUrl = new URL(path, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
  const seen = new Set<string>();
  let query: Query | undefined = first;
  while (query) {
    const page = await fetchPage(query);
    yield* page.items;
    const next = page.links?.find((link) => link.rel === 'next');
    query = next ? nextQuery(next.href, listUrl, seen) : undefined;
  }
}

/**
 * The query of the next page. Only the query is sent, to the list's own URL, so credentials go
 * nowhere else; a link to another origin or back to a page already read is the server's error.
 */
function nextQuery(href: string, listUrl: URL, seen: Set<string>): Query {
  let url: URL | undefined;
  try {
    url = new URL(href, listUrl);
  } catch {
    url = undefined;
  }
  if (url?.origin !== listUrl.origin) {
    throw invalidLink(href, `is not on the server's origin ${listUrl.origin}`);
  }
  if (seen.has(url.search)) throw invalidLink(href, 'leads back to a page already read');
  seen.add(url.search);
  // A name given more than once (status=a&status=b) stays a list.
  const query: Record<string, string[]> = {};
  for (const name of new Set(url.searchParams.keys())) query[name] = url.searchParams.getAll(name);
  return query;
}

function invalidLink(href: string, problem: string): ClientError {
  return new ClientError(
    `the server's next-page link ${JSON.stringify(href)} ${problem}`,
    { type: ErrorType.invalidResponse, title: 'Invalid next-page link' },
    { url: href },
  );
}
