/**
 * The sync client's own checks on top of the async client's option normaliser: what cannot
 * cross to the worker thread is rejected with an error naming it, data in a non-clonable wrapper
 * (`Headers`, `URLSearchParams`) is unwrapped, and every timeout is finite so that every call is
 * bounded.
 */
import type {
  AsyncClientOptions,
  CallOptions,
  HeadersOption,
  RetryOptions,
  SearchParams,
} from '@s2gos/async';
import { invalidArgument, omitUndefined } from '@s2gos/async/internal/no-http';
import { findUnclonable } from './clonable.js';
import { MAX_TIMEOUT } from './limits.js';

/** Retry options of the sync client: ky's, without the `delay` function. */
export type SyncRetryOptions = Omit<RetryOptions, 'delay'>;

/**
 * Options of `new Client(options)`: those of `AsyncClient` that are plain data. A custom `fetch`
 * (or any function) cannot run in the worker thread and is rejected; `timeout` must be finite and
 * at most 600 000 ms (10 minutes). Credentials work as in `AsyncClient`: the configuration is
 * resolved on the calling thread, tokens are obtained and refreshed in the worker (`device` only
 * from given `tokens`, as the worker cannot show a prompt); `onTokens` is called on the calling
 * thread, after the call in which the tokens changed.
 */
export interface ClientOptions
  extends Omit<AsyncClientOptions, 'fetch' | 'retry' | 'onDevicePrompt'> {
  /** Retry policy of idempotent requests; a number sets the limit. */
  retry?: number | SyncRetryOptions | undefined;
}

/**
 * Per-call options of the sync client: those of `AsyncClient` without `signal` (the calling thread
 * is blocked during the call, so nothing could abort it; use `timeout`).
 */
export type SyncCallOptions<Options = CallOptions> = Omit<Options, 'signal' | 'retry'> & {
  /** Retry policy of this call; on `executeProcess`/`dismissJob` it opts into retries. */
  retry?: number | SyncRetryOptions | undefined;
};

/** Checks and unwraps the constructor options (the config is resolved by the async normaliser). */
export function checkClientOptions(options: ClientOptions): ClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(undefined, `Client options must be an object, got ${typeof options}`);
  }
  // `onTokens` stays on this thread: the worker reports new tokens with its replies.
  const { onTokens, ...rest } = options;
  if (onTokens !== undefined && typeof onTokens !== 'function') {
    throw invalidArgument(undefined, `onTokens must be a function, got ${typeof onTokens}`);
  }
  const checked = { ...rest, headers: plainHeaders(options.headers) };
  rejectUnclonable(undefined, 'Client option', checked);
  checkTimeout(undefined, options.timeout);
  return checked;
}

/** Checks and unwraps per-call options; `operation` names the call in errors. */
export function normaliseCallOptions(
  operation: string,
  options: SyncCallOptions | undefined,
): CallOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(operation, `options must be an object, got ${typeof options}`);
  }
  const normalised = omitUndefined({
    ...options,
    headers: plainHeaders(options.headers),
    searchParams: plainSearchParams(options.searchParams),
    timeout: checkTimeout(operation, options.timeout),
  });
  rejectUnclonable(operation, 'option', normalised);
  return normalised;
}

/** Rejects arguments that cannot be sent to the worker (a function in a request body, say). */
export function checkArguments(operation: string, args: readonly unknown[]): void {
  const found = findUnclonable(args, 'arguments');
  if (found) throw invalidArgument(operation, `${found.path} ${found.reason} ${CANNOT_CROSS}`);
}

const CANNOT_CROSS =
  'and cannot be sent to the worker thread that performs the requests of the sync Client; use AsyncClient for it';

function rejectUnclonable(operation: string | undefined, what: string, options: object): void {
  const found = findUnclonable(options, '');
  if (found)
    throw invalidArgument(operation, `${what} ${found.path} ${found.reason} ${CANNOT_CROSS}`);
}

/**
 * Checks a timeout in ms: above 0 and at most `max`; `operation` names the call in errors.
 * Returns it unchanged (`undefined` when not given).
 */
export function checkTimeout(
  operation: string | undefined,
  timeout: number | undefined,
  max = MAX_TIMEOUT,
): number | undefined {
  if (timeout === undefined) return undefined;
  if (typeof timeout !== 'number' || !(timeout > 0 && timeout <= max)) {
    throw invalidArgument(
      operation,
      `timeout must be a number of milliseconds above 0 and at most ${max} (a blocking call needs a bound), got ${String(timeout)}`,
    );
  }
  return timeout;
}

function plainHeaders(headers: HeadersOption | undefined): HeadersOption | undefined {
  // The global `Headers` is looked at only when it can matter: its first use loads Node's fetch,
  // which this thread (the worker sends the requests) has no other use for.
  if (headers === undefined || Object.getPrototypeOf(headers) === Object.prototype) return headers;
  return headers instanceof Headers ? Object.fromEntries(headers.entries()) : headers;
}

function plainSearchParams(searchParams: SearchParams | undefined): SearchParams | undefined {
  if (!(searchParams instanceof URLSearchParams)) return searchParams;
  const record: Record<string, string[]> = {};
  for (const name of new Set(searchParams.keys())) record[name] = searchParams.getAll(name);
  return record;
}
