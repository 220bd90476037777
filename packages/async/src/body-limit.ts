/**
 * The bound on the bytes of a response body. Counted after decompression while the body streams
 * in, so memory stays near the limit whatever the server sends (a gzip bomb included); a
 * `Content-Length` above it is refused before anything is read.
 */
import { clientError } from './errors.js';

/**
 * Default `maxResponseSize` in bytes (256 MiB): a list of 200,000 jobs, each with its links, fits
 * with room to spare.
 */
export const DEFAULT_MAX_RESPONSE_SIZE = 256 * 1024 * 1024;

/** Where the limit was hit, for the message. */
export interface BodyLimitContext {
  operation: string;
  method: string;
  /** The URL as it may appear in messages (bounded, without credentials). */
  url: string;
  status?: number | undefined;
}

/** Checks a `maxResponseSize` option; `Infinity` means no limit. */
export function normaliseMaxResponseSize(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new TypeError(`maxResponseSize must be a positive number of bytes, got ${String(value)}`);
  }
  return value;
}

/** The error for a body above `limit` bytes; `announced` when `Content-Length` said so up front. */
export function responseTooLarge(limit: number, context: BodyLimitContext, announced?: number) {
  const size =
    announced === undefined
      ? `more than ${limit} bytes`
      : `${announced} bytes (announced by Content-Length)`;
  const detail = `the response body is ${size}, above maxResponseSize (${limit} bytes); raise maxResponseSize for this client or call if the response is expected to be that large`;
  return clientError(
    'responseTooLarge',
    `${context.operation}: ${context.method} ${context.url}${context.status ? ` (${context.status})` : ''}: ${detail}`,
    {
      operation: context.operation,
      method: context.method,
      url: context.url,
      status: context.status,
      detail,
      apiError: { limit },
    },
  );
}

/** The announced body length, if the response has a valid `Content-Length`. */
export function announcedLength(response: Response): number | undefined {
  const value = response.headers.get('content-length');
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Thrown by `readText` when a body passes its limit (the stream is cancelled first); the response
 * mapping turns it into the `responseTooLarge` `ClientError` with the call's context.
 */
export class BodyLimitExceeded extends Error {
  override name = 'BodyLimitExceeded';
  /**
   * @param limit - the limit in bytes
   * @param announced - the `Content-Length`, when that is what passed the limit
   */
  constructor(
    readonly limit: number,
    readonly announced?: number,
  ) {
    super(`response body above ${limit} bytes`);
  }
}
