import ky from 'ky';

/** Request headers accepted by the client and per call. */
export type HeadersOption = Headers | Record<string, string | undefined>;

/** A `fetch` implementation (the global one by default). */
export type FetchFunction = typeof globalThis.fetch;

/**
 * When and how often to retry (ky's retry options). Defaults: {@link DEFAULT_RETRY}. Only
 * idempotent operations use it unless a call passes `retry` explicitly.
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
  /** Backoff delay in ms for retry number `attempt` (from 1). */
  delay?: (attempt: number) => number;
}

/** Retry options with every setting present. */
export type NormalisedRetry = Required<Omit<RetryOptions, 'delay'>> & Pick<RetryOptions, 'delay'>;

/** The retry policy of idempotent requests unless configured otherwise. */
export const DEFAULT_RETRY: Readonly<NormalisedRetry> = Object.freeze({
  limit: 2,
  methods: ['get', 'head'],
  statusCodes: [408, 429, 502, 503, 504],
  afterStatusCodes: [429, 503],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
});

/** Default per-request timeout in ms. */
export const DEFAULT_TIMEOUT = 30_000;

/** Options of the transport after normalisation at the client's edge. */
export interface TransportOptions {
  /** Origin that may receive the access token. */
  origin: string;
  accessToken?: string | undefined;
  timeout: number;
  retry: NormalisedRetry;
  headers?: HeadersOption | undefined;
  fetch: FetchFunction;
  /**
   * `manual`: follow redirects in our fetch wrapper so the token is dropped when the origin
   * changes (Node: undici exposes the redirect response). `native`: let fetch follow (browsers:
   * manual redirects are opaque there, and the Fetch standard removes `Authorization` on
   * cross-origin redirects).
   */
  redirects: 'manual' | 'native';
}

/** One HTTP exchange as the operation layer describes it. */
export interface TransportRequest {
  method: string;
  url: URL;
  json?: unknown;
  headers?: HeadersOption | undefined;
  signal?: AbortSignal | undefined;
  /** Timeout in ms (from {@link normaliseTimeout}); `Infinity` for none. */
  timeout: number;
  /** Explicit per-call retry; overrides the client's policy. */
  retry?: number | RetryOptions | undefined;
  /** Whether the client's retry policy applies; non-idempotent requests retry only on request. */
  idempotent: boolean;
}

/** Sends requests; resolves with a 2xx response, throws ky's errors or fetch's otherwise. */
export interface Transport {
  send(request: TransportRequest): Promise<Response>;
}

/** Checks a timeout option; `Infinity` means no timeout. */
export function normaliseTimeout(timeout: number | undefined, fallback: number): number {
  if (timeout === undefined) return fallback;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout <= 0) {
    throw new TypeError(`timeout must be a positive number of milliseconds, got ${timeout}`);
  }
  return timeout;
}

/** Merges retry options over a base policy into a fresh object; a number sets `limit`. */
export function mergeRetry(
  base: Readonly<NormalisedRetry>,
  retry: number | RetryOptions | undefined,
): NormalisedRetry {
  // Always a fresh object: ky writes into the retry options it is given.
  if (retry === undefined) return { ...base };
  const options: RetryOptions = typeof retry === 'number' ? { limit: retry } : retry;
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const merged: NormalisedRetry = { ...base, ...defined };
  return {
    ...merged,
    methods: merged.methods.map((method) => method.toLowerCase()),
    statusCodes: [...merged.statusCodes],
    afterStatusCodes: [...merged.afterStatusCodes],
  };
}

/** Creates the transport: one ky instance with the client's defaults. */
export function createTransport(options: TransportOptions): Transport {
  const fetch = createAuthorizingFetch(options);
  const headers = { accept: 'application/json', ...headerRecord(options.headers) };
  // Plain `ky(url, options)` with options merged here: `ky.create()` would deep-merge its
  // defaults into every call, a measurable share of the per-call cost.
  return {
    send(request) {
      const { timeout } = request;
      return ky(request.url, {
        fetch,
        method: request.method,
        json: request.json,
        headers: request.headers ? { ...headers, ...headerRecord(request.headers) } : headers,
        signal: request.signal,
        timeout: timeout === Number.POSITIVE_INFINITY ? false : timeout,
        retry: retryFor(options, request),
      });
    },
  };
}

function retryFor(options: TransportOptions, request: TransportRequest) {
  if (request.idempotent) return mergeRetry(options.retry, request.retry);
  // A retried POST could start a second job: only when the call asks, and then for its method.
  if (request.retry === undefined) return 0;
  const retry = mergeRetry(options.retry, request.retry);
  const method = request.method.toLowerCase();
  return { ...retry, methods: [...new Set([...retry.methods, method])] };
}

/** Headers as a record with lower-case names (`undefined` removes a default header in ky). */
export function headerRecord(
  headers: HeadersOption | undefined,
): Record<string, string | undefined> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  const record: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) record[name.toLowerCase()] = value;
  return record;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * Wraps fetch so that `Authorization: Bearer <token>` goes to the configured origin only. With
 * `redirects: 'manual'` it follows redirects itself and drops credentials for good once a hop
 * leaves that origin (some fetch implementations keep custom headers across origins).
 */
function createAuthorizingFetch(options: TransportOptions): FetchFunction {
  const { origin, accessToken, fetch: baseFetch } = options;
  const authorization = accessToken ? `Bearer ${accessToken}` : undefined;

  if (options.redirects === 'native') {
    return async (input, init) => {
      const request = new Request(input, init);
      if (authorization === undefined || !isSameOrigin(request.url, origin)) {
        return baseFetch(request);
      }
      const headers = new Headers(request.headers);
      headers.set('authorization', authorization);
      return baseFetch(request, { headers });
    };
  }

  return async (input, init) => {
    // ky passes its Request plus the options fetch knows but Request doesn't (e.g. dispatcher).
    const request = input instanceof Request ? input : new Request(input, init);
    const extra = input instanceof Request ? init : undefined;
    let url = request.url;
    let method = request.method;
    let trusted = isSameOrigin(url, origin);
    // Headers for our own hops, copied on first need: ky's Request ends up in its errors (our
    // causes), so the token must not be set on it.
    let headers: Headers | undefined;
    let body: ArrayBuffer | undefined;
    let response: Response;
    if (request.body === null) {
      // No body to keep for a 307/308: hand fetch the Request itself (cheaper than url + init).
      if (trusted && authorization !== undefined) {
        headers = new Headers(request.headers);
        headers.set('authorization', authorization);
      }
      response = await baseFetch(request, {
        ...extra,
        ...(headers ? { headers } : {}),
        redirect: 'manual',
      });
    } else {
      body = await request.arrayBuffer();
      response = await hop();
    }
    for (let redirects = 0; ; redirects++) {
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
      await response.body?.cancel();
      if (redirects === MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new TypeError(`redirect to unsupported protocol ${next.protocol}`);
      }
      // Fetch standard, "HTTP-redirect fetch" step 12: 303 (and 301/302 after POST) become GET.
      if (
        (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
        headers ??= new Headers(request.headers);
        headers.delete('content-type');
        headers.delete('content-length');
      }
      url = next.href;
      trusted &&= isSameOrigin(url, origin);
      response = await hop();
    }

    function hop(): Promise<Response> {
      headers ??= new Headers(request.headers);
      if (trusted && authorization !== undefined) headers.set('authorization', authorization);
      if (!trusted) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
      return baseFetch(url, {
        ...extra,
        method,
        headers,
        body,
        signal: request.signal,
        redirect: 'manual',
      });
    }
  };
}

// Serialised http(s) URLs start with their origin; user info makes it fail, which is safe.
function isSameOrigin(url: string, origin: string): boolean {
  return url.startsWith(origin) && (url.length === origin.length || url[origin.length] === '/');
}
