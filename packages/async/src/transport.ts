/**
 * Sends one request through ky, one ky call per attempt. ky builds the request and turns error
 * statuses into `HTTPError`s; what ky would do per call with extra signals, timers and header
 * copies (aborting, the per-attempt timeout, retries and their waits, the headers) hangs off the
 * call's one signal and deadline and goes straight to fetch, which keeps a call close to the cost
 * of a bare `ky(url)`.
 */
import ky, { isHTTPError, type Options as KyOptions } from 'ky';
import { createAuthorizingFetch } from './authorizing-fetch.js';
import type { CallControl } from './call.js';
import {
  mergeRetry,
  type NormalisedRetry,
  type RetryOptions,
  retryDelay,
  shouldRetry,
} from './retry.js';
import { sleep } from './sleep.js';

/** Request headers accepted by the client and per call. */
export type HeadersOption = Headers | Record<string, string | undefined>;

/** A `fetch` implementation (the global one by default). */
export type FetchFunction = typeof globalThis.fetch;

/** Default per-request timeout in ms. */
export const DEFAULT_TIMEOUT = 30_000;

/** Options of the transport after normalisation at the client's edge. */
export interface TransportOptions {
  /** Origin that may receive the access token. */
  origin: string;
  accessToken?: string | undefined;
  retry: Readonly<NormalisedRetry>;
  headers?: HeadersOption | undefined;
  fetch: FetchFunction;
  /** See `AuthorizingFetchOptions.redirects`. */
  redirects: 'manual' | 'native';
}

/** One HTTP exchange as the operation layer describes it. */
export interface TransportRequest {
  method: string;
  /** Absolute, serialised. */
  url: string;
  json?: unknown;
  /** Headers of this request over the client's, from {@link headerRecord}. */
  headers?: Readonly<Record<string, string | undefined>> | undefined;
  /** Explicit per-call retry; overrides the client's policy. */
  retry?: number | RetryOptions | undefined;
  /** Whether the client's retry policy applies; non-idempotent requests retry only on request. */
  idempotent: boolean;
}

/** Sends requests; resolves with a 2xx response, throws ky's `HTTPError` or fetch's errors otherwise. */
export interface Transport {
  send(request: TransportRequest, call: CallControl): Promise<Response>;
}

/** Checks a timeout option; `Infinity` means no timeout. */
export function normaliseTimeout(timeout: number | undefined, fallback: number): number {
  if (timeout === undefined) return fallback;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout <= 0) {
    throw new TypeError(`timeout must be a positive number of milliseconds, got ${timeout}`);
  }
  return timeout;
}

/** Creates the transport: the client's defaults, applied by plain `ky(url, options)` calls. */
export function createTransport(options: TransportOptions): Transport {
  const authorizingFetch = createAuthorizingFetch(options);
  const defaultHeaders = mergeHeaders(
    { accept: 'application/json' },
    headerRecord(options.headers),
  );
  // `ky.create()` would deep-merge its defaults into every call, a measurable share of its cost.
  return {
    async send(request, call) {
      const policy = retryPolicy(options.retry, request);
      const headers = requestHeaders(defaultHeaders, request);
      const { signal } = call;
      const kyOptions: KyOptions = {
        // ky always passes its Request.
        fetch: (input, init) => authorizingFetch(input as Request, init, headers, signal),
        timeout: false,
        retry: 0,
      };
      if (request.method !== 'GET') kyOptions.method = request.method;
      if (request.json !== undefined) kyOptions.json = request.json;
      for (let attempt = 1; ; attempt++) {
        call.arm();
        try {
          return await ky(request.url, kyOptions);
        } catch (error) {
          call.disarm();
          if (!shouldRetry(policy, request.method, error, attempt, signal)) throw error;
          // The failed answer's body is not read: release its connection.
          if (isHTTPError(error)) await error.response.body?.cancel();
          await sleep(retryDelay(policy, error, attempt), signal);
        }
      }
    },
  };
}

function retryPolicy(base: Readonly<NormalisedRetry>, request: TransportRequest) {
  if (request.idempotent) return mergeRetry(base, request.retry);
  // A retried POST could start a second job: only when the call asks, and then for its method.
  if (request.retry === undefined) return { ...base, limit: 0 };
  const retry = mergeRetry(base, request.retry);
  const method = request.method.toLowerCase();
  return { ...retry, methods: [...new Set([...retry.methods, method])] };
}

function requestHeaders(
  defaults: Readonly<Record<string, string>>,
  request: TransportRequest,
): Readonly<Record<string, string>> {
  if (request.json === undefined && request.headers === undefined) return defaults;
  const json = request.json === undefined ? undefined : { 'content-type': 'application/json' };
  return mergeHeaders({ ...defaults, ...json }, request.headers ?? {});
}

/** Headers over a base; a header set to `undefined` is removed. */
function mergeHeaders(
  base: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const merged = { ...base };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged;
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
