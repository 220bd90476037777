/**
 * The request core: one ky instance per client carrying the base URL, headers, timeout, retry
 * policy and hooks, plus the two things ky 1.x does not do — a deadline on reading the body
 * ({@link readText}) and following redirects for a `fetch` that would keep credentials across
 * origins ({@link followRedirects}).
 */
import ky, { type Hooks, isHTTPError, type KyInstance, type Options } from 'ky';
import { debugLogHooks, type LogWriter } from './debug-log.js';

/** Request headers accepted by the client and per call; a header set to `undefined` is removed. */
export type HeadersOption = Headers | Record<string, string | undefined>;

/** A `fetch` implementation (the global one by default). */
export type FetchFunction = typeof globalThis.fetch;

/**
 * When and how often to retry: ky's retry options. Only idempotent operations use the client's
 * policy unless a call passes `retry` explicitly. Per call, lists extend the client's (ky merges
 * options that way).
 */
export interface RetryOptions {
  /** Retries after the first attempt. */
  limit?: number;
  /** Lower-case HTTP methods that may be retried. */
  methods?: string[];
  /** Statuses that are retried; network errors are always retried within `limit`. */
  statusCodes?: number[];
  /** Statuses whose `Retry-After` header sets the delay. */
  afterStatusCodes?: number[];
  /** Upper bound of a `Retry-After` delay in ms. */
  maxRetryAfter?: number;
  /** Upper bound of the exponential backoff delay in ms. */
  backoffLimit?: number;
  /** Backoff delay in ms for retry number `attempt` (from 1); default 300 ms doubled each time. */
  delay?: (attempt: number) => number;
}

/** The retry policy of idempotent requests unless configured otherwise. */
export const DEFAULT_RETRY: Readonly<RetryOptions> = Object.freeze({
  limit: 2,
  methods: ['get', 'head'],
  statusCodes: [408, 429, 502, 503, 504],
  afterStatusCodes: [429, 503],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
});

/** What the ky instance of a client is made of, normalised at the client's edge. */
export interface HttpOptions {
  /** The server URL with its base path, ending in `/`. */
  baseUrl: URL;
  accessToken?: string | undefined;
  timeout: number;
  retry?: number | RetryOptions | undefined;
  headers?: HeadersOption | undefined;
  /** The fetch ky calls: the user's or the global one, wrapped by the platform (see `Platform`). */
  fetch: FetchFunction;
  /** Aborts every request of the client (`close()`). */
  signal: AbortSignal;
  /** Writes the HTTP log (`S2GOS_DEBUG`), lines redacted with `redact`; none when left out. */
  log?: { write: LogWriter; redact: (text: string) => string } | undefined;
  /** An undici dispatcher fetch gets with every request (Node: the proxy agent), if any. */
  dispatcher?: object | undefined;
}

/** Creates the client's ky instance. */
export function createHttp(options: HttpOptions): KyInstance {
  const { baseUrl, fetch } = options;
  const hooks: Hooks = { beforeRequest: [] };
  if (options.accessToken) hooks.beforeRequest?.push(bearer(baseUrl.origin, options.accessToken));
  if (options.log) {
    const log = debugLogHooks(options.log.write, options.log.redact);
    hooks.beforeRequest?.push(...(log.beforeRequest ?? []));
    hooks.afterResponse = log.afterResponse;
    hooks.beforeRetry = log.beforeRetry;
  }
  return ky.create({
    prefixUrl: baseUrl.href,
    headers: { accept: 'application/json', ...headerRecord(options.headers) },
    timeout: kyTimeout(options.timeout),
    retry: retryPolicy(options.retry),
    hooks,
    fetch,
    signal: options.signal,
    // Not in ky's types, but passed on to fetch as it is (undici reads it in Node).
    ...(options.dispatcher ? ({ dispatcher: options.dispatcher } as Options) : {}),
  });
}

/**
 * Credentials for the configured origin only, added per attempt by ky's `beforeRequest` hook (a
 * token source that refreshes would be asked here).
 */
function bearer(origin: string, token: string): NonNullable<Hooks['beforeRequest']>[number] {
  const authorization = `Bearer ${token}`;
  return (request) => {
    if (isSameOrigin(request.url, origin)) request.headers.set('authorization', authorization);
  };
}

/** ky's `timeout`: `false` for none. */
export function kyTimeout(timeout: number): number | false {
  return timeout === Number.POSITIVE_INFINITY ? false : timeout;
}

/**
 * The ky retry options of `retry` over {@link DEFAULT_RETRY} (a number sets the limit). ky reads
 * any unparsable `Retry-After` as "wait `maxRetryAfter`"; `shouldRetry` sends those to the backoff
 * instead (returning `undefined` leaves every other decision to ky).
 */
export function retryPolicy(retry: number | RetryOptions | undefined): Options['retry'] {
  const options = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const policy = { ...DEFAULT_RETRY, ...defined };
  const afterStatusCodes = policy.afterStatusCodes ?? [];
  return {
    ...policy,
    methods: policy.methods?.map((method) => method.toLowerCase()),
    shouldRetry: ({ error }) =>
      isHTTPError(error) &&
      afterStatusCodes.includes(error.response.status) &&
      (policy.statusCodes ?? []).includes(error.response.status) &&
      parseRetryAfter(error.response.headers.get('retry-after')) === undefined
        ? true
        : undefined,
  };
}

/** `Retry-After` in ms: delay-seconds or an HTTP date (RFC 9110, 10.2.3); `undefined` if neither. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form starts with the day name; Date.parse alone also takes '-1' or '1.5'.
  if (!/^\s*[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Headers as a record with lower-case names (`undefined` values stay: they remove a header). */
export function headerRecord(
  headers: HeadersOption | undefined,
): Record<string, string | undefined> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  const record: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) record[name.toLowerCase()] = value;
  return record;
}

/**
 * Reads the body as text within `timeout` ms. ky's `timeout` ends when the headers arrive; a
 * server that stalls in the middle of the body would otherwise hang the call. On timeout the body
 * is cancelled (which releases the connection) and a `TimeoutError` is thrown.
 */
export async function readText(response: Response, timeout: number): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const reader = body.getReader();
  let timedOut = false;
  const timer =
    timeout === Number.POSITIVE_INFINITY
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          reader.cancel().catch(() => undefined);
        }, timeout);
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw new DOMException(`no complete body within ${timeout} ms`, 'TimeoutError');
  return text + decoder.decode();
}

const MAX_REDIRECTS = 20;
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * Wraps `fetch` to follow redirects hop by hop and drop credentials for good once a hop leaves
 * `origin`. Node's own fetch drops `Authorization` across origins too, but a user-supplied fetch
 * may not (a test holds the client to that), and its "redirect count exceeded" names no cause.
 */
export function followRedirects(baseFetch: FetchFunction, origin: string): FetchFunction {
  return async (input, init) => {
    const request = input as Request; // ky always passes its Request
    const { signal } = request;
    if (request.body === null) {
      const response = await baseFetch(request, { ...init, redirect: 'manual' });
      if (!isRedirect(response)) return response;
      return follow(request, response);
    }
    return follow(request);

    async function follow(request: Request, first?: Response): Promise<Response> {
      let url = request.url;
      let method = request.method;
      let trusted = isSameOrigin(url, origin);
      // A 307/308 resends the body, so it is kept as bytes.
      let body = request.body === null ? undefined : await request.arrayBuffer();
      const headers = new Headers(request.headers);
      const hop = () =>
        baseFetch(url, { ...init, method, headers, body, signal, redirect: 'manual' });
      let response = first ?? (await hop());
      for (let redirects = 0; isRedirect(response); redirects++) {
        await response.body?.cancel();
        if (redirects === MAX_REDIRECTS)
          throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(response.headers.get('location') ?? '', url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new TypeError(`redirect to unsupported protocol ${next.protocol}`);
        }
        // Fetch standard, "HTTP-redirect fetch" step 12: 303 (and 301/302 after POST) become GET.
        const { status } = response;
        if (
          (status === 303 && method !== 'GET' && method !== 'HEAD') ||
          (status < 303 && method === 'POST')
        ) {
          method = 'GET';
          body = undefined;
          headers.delete('content-type');
          headers.delete('content-length');
        }
        url = next.href;
        trusted &&= isSameOrigin(url, origin);
        if (!trusted) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
        response = await hop();
      }
      return response;
    }
  };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function isRedirect(response: Response): boolean {
  return REDIRECT_STATUSES.has(response.status) && response.headers.has('location');
}

// Serialised http(s) URLs start with their origin; user info makes it fail, which is safe.
function isSameOrigin(url: string, origin: string): boolean {
  return url.startsWith(origin) && (url.length === origin.length || url[origin.length] === '/');
}
