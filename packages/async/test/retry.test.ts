import { HTTPError } from 'ky';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  mergeRetry,
  parseRetryAfter,
  retryDelay,
  shouldRetry,
} from '../src/retry.js';

function httpError(status: number, headers: Record<string, string> = {}): HTTPError {
  const request = new Request('http://h/jobs/j1');
  return new HTTPError(new Response(null, { status, headers }), request, {} as never);
}

const live = new AbortController().signal;

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(' 120 ')).toBe(120_000);
  });

  it('reads an HTTP date as the time left until it', () => {
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    const ms = parseRetryAfter(inOneMinute) ?? -1;
    expect(ms).toBeGreaterThan(55_000);
    expect(ms).toBeLessThanOrEqual(60_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(0);
  });

  it('ignores anything else', () => {
    for (const value of [null, '', '  ', '-1', '1.5', 'soon']) {
      expect(parseRetryAfter(value)).toBeUndefined();
    }
  });
});

describe('retryDelay', () => {
  it('backs off exponentially from 300 ms up to backoffLimit', () => {
    const delays = [1, 2, 3, 10].map((n) => retryDelay(DEFAULT_RETRY, new TypeError('x'), n));
    expect(delays).toEqual([300, 600, 1200, 10_000]);
  });

  it('takes Retry-After for the statuses that carry it, at most maxRetryAfter', () => {
    expect(retryDelay(DEFAULT_RETRY, httpError(503, { 'retry-after': '2' }), 1)).toBe(2000);
    expect(retryDelay(DEFAULT_RETRY, httpError(429, { 'retry-after': '3600' }), 1)).toBe(60_000);
    // 502 is retried, but its Retry-After is not a promise of the server: the backoff applies.
    expect(retryDelay(DEFAULT_RETRY, httpError(502, { 'retry-after': '2' }), 1)).toBe(300);
  });

  it('uses a custom delay function', () => {
    const policy = mergeRetry(DEFAULT_RETRY, { delay: (n) => n * 7 });
    expect(retryDelay(policy, new TypeError('x'), 3)).toBe(21);
  });
});

describe('shouldRetry', () => {
  it('retries network errors and the listed statuses of listed methods, within the limit', () => {
    expect(shouldRetry(DEFAULT_RETRY, 'GET', new TypeError('fetch failed'), 1, live)).toBe(true);
    expect(shouldRetry(DEFAULT_RETRY, 'GET', httpError(503), 2, live)).toBe(true);
    expect(shouldRetry(DEFAULT_RETRY, 'GET', httpError(503), 3, live)).toBe(false);
    expect(shouldRetry(DEFAULT_RETRY, 'GET', httpError(500), 1, live)).toBe(false);
    expect(shouldRetry(DEFAULT_RETRY, 'POST', httpError(503), 1, live)).toBe(false);
  });

  it('never retries once the call has ended', () => {
    const ended = AbortSignal.abort();
    expect(shouldRetry(DEFAULT_RETRY, 'GET', new TypeError('x'), 1, ended)).toBe(false);
  });
});

describe('mergeRetry', () => {
  it('sets the limit from a number and lower-cases methods', () => {
    expect(mergeRetry(DEFAULT_RETRY, 5).limit).toBe(5);
    expect(mergeRetry(DEFAULT_RETRY, { methods: ['GET', 'Delete'] }).methods).toEqual([
      'get',
      'delete',
    ]);
    expect(mergeRetry(DEFAULT_RETRY, { limit: undefined }).limit).toBe(DEFAULT_RETRY.limit);
  });
});
