/**
 * Lists beyond the server's first page, through the client's own iterators (`iterateProcesses`,
 * `iterateJobs`, which follow `rel="next"` links within the server's origin); this module only
 * picks the page size for a `--limit`.
 */

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
