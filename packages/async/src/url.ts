/**
 * The only place that builds request URLs. The server URL keeps its base path, and each path
 * parameter becomes exactly one encoded path segment, so no id can address another endpoint.
 */

/** Query parameters: arrays repeat the name, `undefined` leaves it out. */
export type SearchParams =
  | URLSearchParams
  | Record<string, string | number | boolean | readonly (string | number | boolean)[] | undefined>;

/**
 * Parses the server URL once. Fails for anything that is not an absolute http(s) URL; user info
 * is refused because fetch rejects such URLs and because it would put secrets into messages.
 */
export function parseServerUrl(serverUrl: string): URL {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new TypeError(`invalid server URL ${JSON.stringify(serverUrl)}: not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`invalid server URL: protocol ${url.protocol} is not http: or https:`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('invalid server URL: user info (user:password@) is not supported');
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * Encodes one path parameter as one segment. `encodeURIComponent` already escapes `/`, `?`, `#`
 * and `%`; the URL parser would still collapse a segment that is exactly `.` or `..` (it also
 * treats `%2E%2E` as `..`), and an empty segment would address the collection, so those are
 * refused.
 */
export function encodePathParameter(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, got ${typeof value}`);
  }
  if (value === '' || value === '.' || value === '..') {
    throw new TypeError(`${name} ${JSON.stringify(value)} can't be used as a path segment`);
  }
  return encodeURIComponent(value);
}

/**
 * Builds the URL of `template` (like `jobs/{jobId}`, relative to the base path) on `base`
 * (from {@link parseServerUrl}), serialised: `base.href` followed by {@link buildPath}.
 */
export function buildUrl(
  base: URL,
  template: string,
  params: Readonly<Record<string, unknown>>,
  searchParams?: SearchParams,
): string {
  return base.href + buildPath(template, params, searchParams);
}

/**
 * The path and query of `template` relative to the base path, as ky's `prefixUrl` takes it. It is
 * concatenated, not parsed: every parameter is percent-encoded, so the URL parser would return the
 * same text (a test holds it to that), and appending to the base keeps its path even when a
 * segment starts with something the parser would read as a scheme or an authority.
 */
export function buildPath(
  template: string,
  params: Readonly<Record<string, unknown>>,
  searchParams?: SearchParams,
): string {
  let path = '';
  const parts = templateParts(template);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    path += i % 2 === 0 ? part : encodePathParameter(part, params[part]);
  }
  const query = searchParams === undefined ? '' : encodeSearchParams(searchParams);
  return query === '' ? path : `${path}?${query}`;
}

const templates = new Map<string, readonly string[]>();

/** `jobs/{jobId}/results` as `['jobs/', 'jobId', '/results']`: parameter names at odd indices. */
function templateParts(template: string): readonly string[] {
  let parts = templates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    templates.set(template, parts);
  }
  return parts;
}

function encodeSearchParams(searchParams: SearchParams): string {
  if (searchParams instanceof URLSearchParams) return searchParams.toString();
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  return query.toString();
}

/** The URL as it may appear in messages: without user info, query values that look secret masked. */
export function displayUrl(url: URL | string): string {
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  for (const name of [...copy.searchParams.keys()]) {
    if (/token|key|secret|password|auth/i.test(name)) copy.searchParams.set(name, '****');
  }
  return copy.href;
}
