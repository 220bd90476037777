/**
 * The retry policy: whether a failed attempt is retried and how long to wait first. The
 * transport runs the loop around single-attempt ky calls rather than using ky's retry: ky can
 * only cut its wait short through its `signal` option, which costs every call an
 * `AbortSignal.any()` and more (a large share of the per-call cost in Node). Our wait ends at
 * once when the call is aborted, times out or the client is closed, so no timer outlives a call.
 */
import { isHTTPError } from 'ky';

/**
 * When and how often to retry. Defaults: {@link DEFAULT_RETRY}. Only idempotent operations use
 * it unless a call passes `retry` explicitly.
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

/** Merges retry options over a base policy; a number sets `limit`. */
export function mergeRetry(
  base: Readonly<NormalisedRetry>,
  retry: number | RetryOptions | undefined,
): NormalisedRetry {
  if (retry === undefined) return base;
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

/**
 * Whether retry number `attempt` (from 1) may follow `error` for `method`: within the limit, for
 * a listed method, after a listed status or a network error; never after the call itself ended.
 */
export function shouldRetry(
  policy: Readonly<NormalisedRetry>,
  method: string,
  error: unknown,
  attempt: number,
  signal: AbortSignal,
): boolean {
  if (attempt > policy.limit || signal.aborted) return false;
  if (!policy.methods.includes(method.toLowerCase())) return false;
  return isHTTPError(error) ? policy.statusCodes.includes(error.response.status) : true;
}

/**
 * The delay in ms before retry number `attempt` (from 1) after `error`: the `Retry-After` of a
 * response whose status is in `afterStatusCodes` (at most `maxRetryAfter`), else the backoff (at
 * most `backoffLimit`).
 */
export function retryDelay(
  policy: Readonly<NormalisedRetry>,
  error: unknown,
  attempt: number,
): number {
  if (isHTTPError(error) && policy.afterStatusCodes.includes(error.response.status)) {
    const after = parseRetryAfter(error.response.headers.get('retry-after'));
    if (after !== undefined) return Math.min(after, policy.maxRetryAfter);
  }
  const backoff = policy.delay ? policy.delay(attempt) : 300 * 2 ** (attempt - 1);
  return Math.max(0, Math.min(backoff, policy.backoffLimit));
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
