/**
 * Property-based tests (fast-check) of the two edges a server controls: whatever status, headers
 * and body come back, a call yields its document or a `ClientError`; and whatever an id holds, it
 * stays in its own path segment.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncClient, isClientError } from '../src/index.js';
import { buildUrl, parseServerUrl } from '../src/url.js';
import { jobInfo, startTestServer, type TestServer } from './helpers/http-server.js';

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let server: TestServer;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

beforeAll(async () => {
  // Answers with the reply the request carries in `x-reply` (base64 JSON).
  server = await startTestServer((request, response) => {
    const reply = JSON.parse(
      Buffer.from(String(request.headers['x-reply']), 'base64').toString('utf8'),
    ) as Reply;
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body);
  });
});

afterAll(() => server.close());

// Headers a server may send, framing and redirects aside (those are tested on their own).
const headerName = fc.constantFrom(
  'content-type',
  'retry-after',
  'x-anything',
  'cache-control',
  'www-authenticate',
  'link',
);
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode),
});
const body = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .record({ status: fc.string(), extra: fc.jsonValue(), title: fc.string() })
    .map((members) => JSON.stringify({ ...jobInfo('j1'), ...members })),
  fc.constant(JSON.stringify(jobInfo('j1'))),
  fc.constant(JSON.stringify({ type: 'about:blank', title: 'Gone', status: 410, detail: 'x' })),
);
const reply = fc.record({
  status: fc.integer({ min: 200, max: 599 }).filter((s) => s < 300 || s > 399),
  headers: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
  body,
});

describe('the response mapping', () => {
  it('yields the document or a ClientError for any status, headers and body', async () => {
    const client = new AsyncClient({ serverUrl: server.url, retry: 0, timeout: 10_000 });
    await fc.assert(
      fc.asyncProperty(
        reply,
        fc.constantFrom('getJob', 'getJobs') as fc.Arbitrary<'getJob' | 'getJobs'>,
        async (answer, operation) => {
          const headers = { 'x-reply': Buffer.from(JSON.stringify(answer)).toString('base64') };
          const call =
            operation === 'getJob' ? client.getJob('j1', { headers }) : client.getJobs({ headers });
          const outcome = await call.then(
            (document) => ({ document }),
            (error: unknown) => ({ error }),
          );
          if ('error' in outcome) {
            expect(isClientError(outcome.error)).toBe(true);
          } else {
            expect(answer.status).toBe(200);
            expect(typeof outcome.document).toBe('object');
          }
        },
      ),
      { numRuns: 150 },
    );
    await client.close();
  });
});

describe('path parameters', () => {
  const base = parseServerUrl('http://h/api/v1/');

  it('an id of any string stays in its one path segment, or is refused', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (id) => {
        let url: string;
        try {
          url = buildUrl(base, 'jobs/{jobId}/results', { jobId: id });
        } catch (error) {
          // '', '.', '..' (no segment of their own) and lone surrogates (not encodable)
          expect(error).toBeInstanceOf(Error);
          expect(['', '.', '..'].includes(id) || LONE_SURROGATE.test(id)).toBe(true);
          return;
        }
        const parsed = new URL(url);
        expect(parsed.href).toBe(url);
        expect(parsed.origin).toBe('http://h');
        expect(parsed.search).toBe('');
        expect(parsed.hash).toBe('');
        const segments = parsed.pathname.split('/');
        expect(segments).toHaveLength(6);
        expect(segments.slice(0, 4)).toEqual(['', 'api', 'v1', 'jobs']);
        expect(segments[5]).toBe('results');
        expect(decodeURIComponent(segments[4] ?? '')).toBe(id);
      }),
      { numRuns: 2000 },
    );
  });

  it('the client refuses an id that cannot be a segment with a ClientError', async () => {
    const client = new AsyncClient({ serverUrl: server.url });
    for (const id of ['', '.', '..', '\ud800']) {
      const error = await client.getJob(id).catch((e: unknown) => e);
      expect(isClientError(error)).toBe(true);
    }
  });
});
