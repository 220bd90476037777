import type { Link } from '@s2gos/models';
import { formatIssues, invalidParameterValue, type ProblemIssue } from './errors.js';
import { link, Rel } from './links.js';

/** The `limit` when the request gives none (the OGC default). */
export const DEFAULT_LIMIT = 10;
/** The largest `limit`; larger values are lowered to it, as OGC API allows. */
export const MAX_LIMIT = 1000;

/** A page of a list: at most `limit` items starting at `offset`. */
export interface Page {
  readonly limit: number;
  readonly offset: number;
}

/**
 * Reads `limit` (1 or more; default 10, at most 1000) and `offset` (0 or more; default 0).
 *
 * @throws HttpProblem 400 (invalid-parameter-value) naming each bad parameter
 */
export function parsePage(query: URLSearchParams): Page {
  const issues: ProblemIssue[] = [];
  const limit = parseCount(query, 'limit', 1, DEFAULT_LIMIT, issues);
  const offset = parseCount(query, 'offset', 0, 0, issues);
  if (issues.length > 0) throw invalidParameterValue(formatIssues(issues), issues);
  return { limit: Math.min(limit, MAX_LIMIT), offset };
}

function parseCount(
  query: URLSearchParams,
  name: string,
  min: number,
  fallback: number,
  issues: ProblemIssue[],
): number {
  const values = query.getAll(name);
  if (values.length === 0) return fallback;
  const [text] = values;
  // Any run of digits is a count; one beyond what a number holds exactly means "all".
  const value = /^\d+$/.test(text ?? '')
    ? Math.min(Number(text), Number.MAX_SAFE_INTEGER)
    : Number.NaN;
  if (values.length > 1) issues.push({ path: name, message: 'must be given at most once' });
  else if (!Number.isSafeInteger(value) || value < min) {
    issues.push({ path: name, message: `must be an integer >= ${min}, got '${text}'` });
  }
  return value;
}

/**
 * Cuts a page out of a list and links to it (`self`) and to its neighbours (`next`, `prev`).
 * The links keep every other query parameter of the request, so filters carry over.
 */
export function paginate<T>(
  items: readonly T[],
  page: Page,
  query: URLSearchParams,
  urlOf: (query: URLSearchParams) => string,
): { items: T[]; links: Link[] } {
  const at = (offset: number) => {
    const params = new URLSearchParams(query);
    params.set('limit', String(page.limit));
    params.set('offset', String(offset));
    return urlOf(params);
  };
  const links = [link(at(page.offset), Rel.self, 'This page')];
  if (page.offset + page.limit < items.length) {
    links.push(link(at(page.offset + page.limit), Rel.next, 'Next page'));
  }
  if (page.offset > 0) {
    links.push(link(at(Math.max(0, page.offset - page.limit)), Rel.prev, 'Previous page'));
  }
  return { items: items.slice(page.offset, page.offset + page.limit), links };
}
