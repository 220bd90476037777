/**
 * The retry policy handed to ky: ky runs the retries (limit, methods, statuses, Retry-After,
 * backoff); these tests pin what the client configures and the one decision it adds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncClient, DEFAULT_RETRY } from '../src/index.js';
import { parseRetryAfter, retryPolicy } from '../src/internal.js';
import { jobInfo, sendJson, startTestServer, type TestServer } from './helpers/http-server.js';

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

describe('retryPolicy', () => {
  it('sets the limit from a number and lower-cases methods', () => {
    expect(retryPolicy(5)).toMatchObject({ ...DEFAULT_RETRY, limit: 5 });
    expect(retryPolicy({ methods: ['GET', 'Delete'] })).toMatchObject({
      methods: ['get', 'delete'],
    });
    expect(retryPolicy({ limit: undefined })).toMatchObject({ limit: DEFAULT_RETRY.limit });
  });
});

describe('backoff or Retry-After', () => {
  let server: TestServer;
  let answer: { status: number; retryAfter?: string };
  beforeAll(async () => {
    server = await startTestServer((_request, response) => {
      if (server.requests.length % 2 === 1) {
        const headers = answer.retryAfter ? { 'retry-after': answer.retryAfter } : {};
        response.writeHead(answer.status, headers).end();
      } else {
        sendJson(response, 200, jobInfo('j1'));
      }
    });
  });
  afterAll(() => server.close());

  /** The attempts for which the backoff `delay` was asked, for one call. */
  async function backoffAttempts(status: number, retryAfter?: string): Promise<number[]> {
    answer = { status, retryAfter };
    const asked: number[] = [];
    const client = new AsyncClient({
      config: { serverUrl: server.url },
      retry: {
        delay: (attempt) => {
          asked.push(attempt);
          return 1;
        },
      },
    });
    await client.getJob('j1');
    return asked;
  }

  it('waits Retry-After on the statuses that carry it', async () => {
    expect(await backoffAttempts(503, '0')).toEqual([]);
  });

  it('backs off when Retry-After is not a delay or a date', async () => {
    expect(await backoffAttempts(503, 'soon')).toEqual([1]);
  });

  it("backs off on other statuses: a 502's Retry-After is not the server's promise", async () => {
    expect(await backoffAttempts(502, '0')).toEqual([1]);
  });
});
