/**
 * The request core: one ky instance per client carrying the base URL, headers, timeout, retry
 * policy and hooks, plus the two things ky 1.x does not do — a deadline on reading the body
 * ({@link readText}) and following redirects for a `fetch` that would keep credentials across
 * origins ({@link followRedirects}).
 */
import ky, { type Hooks, isHTTPError, type KyInstance, type Options } from 'ky';
import { AuthError } from './auth/errors.js';
import { announcedLength, BodyLimitExceeded } from './body-limit.js';
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
  /** The credentials' hooks (see `createClientAuth`): they set the header per attempt. */
  credentials?: Hooks | undefined;
  timeout: number;
  retry?: number | RetryOptions | undefined;
  headers?: HeadersOption | undefined;
  /** The fetch ky calls: the user's or the global one, wrapped by the platform (see `Platform`). */
  fetch: FetchFunction;
  /** Aborts every request of the client (`close()`). */
  signal: AbortSignal;
  /** Writes the HTTP log (`S2GOS_DEBUG`), lines redacted with `redact`; none when left out. */
  log?: { write: LogWriter; redact: (text: string) => string } | undefined;
}

/** Creates the client's ky instance. */
export function createHttp(options: HttpOptions): KyInstance {
  const { baseUrl, fetch } = options;
  const hooks: Hooks = { beforeRequest: [...(options.credentials?.beforeRequest ?? [])] };
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
  });
}

/** ky's `timeout`: `false` for none. */
export function kyTimeout(timeout: number): number | false {
  return timeout === Number.POSITIVE_INFINITY ? false : timeout;
}

/** A retry policy over {@link DEFAULT_RETRY}: what {@link normaliseRetry} returns. */
export type NormalisedRetry = Readonly<RetryOptions>;

/** `retry` over {@link DEFAULT_RETRY} (a number sets the limit), methods in lower case. */
export function normaliseRetry(retry: number | RetryOptions | undefined): NormalisedRetry {
  const options = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const policy = { ...DEFAULT_RETRY, ...defined };
  return { ...policy, methods: policy.methods?.map((method) => method.toLowerCase()) };
}

/** The ky retry options of `retry` for a call that must end by `deadline`: see {@link withDeadline}. */
export function retryPolicy(
  retry: number | RetryOptions | undefined,
  deadline?: number,
): Options['retry'] {
  return withDeadline(normaliseRetry(retry), deadline);
}

/**
 * The ky retry options of a normalised `policy` for a call that must end by `deadline` (epoch ms;
 * none when `undefined`). `shouldRetry` refuses what a retry cannot change (see
 * {@link isPermanentFailure}) and a `Retry-After` wait (capped at `maxRetryAfter`) that would pass
 * the deadline — the call then ends at once with the server's own error, `retryAfter` on it — and
 * sends an unparsable `Retry-After` (which ky reads as "wait `maxRetryAfter`") to the backoff;
 * returning `undefined` leaves every other decision to ky.
 */
export function withDeadline(policy: NormalisedRetry, deadline?: number): Options['retry'] {
  const afterStatusCodes = policy.afterStatusCodes ?? [];
  const statusCodes = policy.statusCodes ?? [];
  return {
    ...policy,
    shouldRetry: ({ error }) => {
      // A failed sign-in (thrown by the credentials hook) is not a network error: retrying repeats it.
      if (error instanceof AuthError || isPermanentFailure(error)) return false;
      const left = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now();
      if (left <= 0) return false;
      if (!isHTTPError(error)) return undefined;
      const { status, headers } = error.response;
      if (!afterStatusCodes.includes(status) || !statusCodes.includes(status)) return undefined;
      const after = parseRetryAfter(headers.get('retry-after'));
      if (after === undefined) return true;
      // ky waits at most `maxRetryAfter`; a wait past the deadline would only end in a timeout.
      return Math.min(after, policy.maxRetryAfter ?? after) <= left ? undefined : false;
    },
  };
}

// TLS certificate failures (undici puts Node's code on the cause): retrying cannot fix them.
const CERTIFICATE_ERRORS = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Whether a failure is deterministic, so that a retry would only repeat it: a redirect loop or a
 * redirect to an unsupported protocol ({@link RedirectError}), or a TLS certificate error.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof RedirectError) return true;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' && CERTIFICATE_ERRORS.has(code);
}

/** A redirect the client will not follow: too many hops, or an unsupported protocol. */
export class RedirectError extends TypeError {
  override name = 'RedirectError';
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
 * Reads the body as text within `timeout` ms and `maxBytes` bytes (after decompression). ky's
 * `timeout` ends when the headers arrive; a server that stalls in the middle of the body would
 * otherwise hang the call. On timeout the body is cancelled (which releases the connection) and a
 * `TimeoutError` is thrown; past `maxBytes` (or a `Content-Length` above it) it is cancelled and
 * a `BodyLimitExceeded` is thrown, so no more than about `maxBytes` is ever held.
 */
export async function readText(
  response: Response,
  timeout: number,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const announced = announcedLength(response);
  if (announced !== undefined && announced > maxBytes) {
    await body.cancel().catch(() => undefined);
    throw new BodyLimitExceeded(maxBytes, announced);
  }
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
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyLimitExceeded(maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw new DOMException(`no complete body within ${timeout} ms`, 'TimeoutError');
  return text + decoder.decode();
}

const MAX_REDIRECTS = 20;
// The only headers that go on to another origin: none of them carries a credential or anything
// the user set (the user's headers may be credentials under any name, such as `X-Api-Key`).
const CROSS_ORIGIN_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'user-agent',
]);

/**
 * Wraps `fetch` to follow redirects hop by hop and drop credentials and every header the user
 * set for good once a hop leaves `origin`. Node's own fetch drops `Authorization` across origins too, but a user-supplied fetch
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
          throw new RedirectError(`more than ${MAX_REDIRECTS} redirects (a redirect loop?)`);
        const next = new URL(response.headers.get('location') ?? '', url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new RedirectError(`redirect to unsupported protocol ${next.protocol}`);
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
        if (!trusted) {
          for (const name of [...headers.keys()]) {
            if (!CROSS_ORIGIN_HEADERS.has(name) && !(body && name === 'content-type')) {
              headers.delete(name);
            }
          }
        }
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
