import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A `node:http` server that misbehaves on purpose. The first path segment picks the behaviour,
 * so a client whose `serverUrl` is `http://127.0.0.1:<port>/<behaviour>` meets it on every call
 * (the client keeps the base path).
 */
export const BEHAVIOURS = {
  /** 502 with an HTML page, as a proxy in front of a dead server answers. */
  'html-502': (res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>');
  },
  /** 200 with a body that is not JSON. */
  garbage: (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"links": [oops');
  },
  /** 200 with an empty body. */
  empty: (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end();
  },
  /** 200 with JSON that is no document of the spec. */
  wrong: (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ links: 'not a list', jobs: 42, processes: 'x', status: 'weird' }));
  },
  /** Answers correctly (a landing page), but only after 150 ms. */
  'slow-ok': (res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ title: 'slow', links: [] }));
    }, 150);
  },
  /** Answers after 5 s: past any test timeout. */
  slow: (res) => {
    setTimeout(() => {
      if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    }, 5_000).unref();
  },
  /** Accepts the request and never answers. */
  never: () => {},
  /** Sends the headers and the start of the body, then stalls forever. */
  stall: (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"title": "stall", "links": [');
  },
  /** Resets the connection without answering. */
  reset: (res) => {
    res.socket?.resetAndDestroy();
  },
  /** 500 with a plain-text body for POST (job creation); 404 problem details otherwise. */
  'post-500': (res, method) => {
    if (method === 'POST') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Traceback (most recent call last): worker crashed');
      return;
    }
    BEHAVIOURS.problem(res);
  },
  /**
   * `GET /late-job/jobs/<id>`: 404 for the first two polls of each id, then the successful job, as
   * a server that registers jobs only after answering the execute request.
   */
  'late-job': (res, _method, url) => {
    const jobId = url.split('/')[3] ?? '';
    const polls = (latePolls.get(jobId) ?? 0) + 1;
    latePolls.set(jobId, polls);
    if (polls <= 2) {
      BEHAVIOURS.problem(res);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jobID: jobId, status: 'successful', type: 'process' }));
  },
  /**
   * `GET /stalled-file/jobs/<id>/results`: one output linking to `/stalled-file/data`, a file
   * whose body stops after its first bytes and never ends.
   */
  'stalled-file': (res, _method, url) => {
    if (url.endsWith('/results')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { href: '/stalled-file/data', type: 'text/plain' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
    res.write('the start');
  },
  /** 429 asking for a wait far longer than any call's timeout. */
  'rate-limited': (res) => {
    res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '999999' });
    res.end('slow down');
  },
  /** 200 with results nested deeper than any stack: `{"deep": [[[…]]]}`. */
  deep: (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"deep": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
  },
  /** 404 with RFC 7807 problem details and a traceback, as the S2GOS server sends. */
  problem: (res) => {
    res.writeHead(404, { 'content-type': 'application/problem+json' });
    res.end(
      JSON.stringify({
        type: 'urn:test:no-such-thing',
        title: 'Not Found',
        status: 404,
        detail: 'nothing here',
        'x-traceback': ['line 1', 'line 2'],
      }),
    );
  },
} satisfies Record<string, (res: ServerResponse, method: string, url: string) => void>;

const latePolls = new Map<string, number>();

/** A behaviour name of {@link BEHAVIOURS}. */
export type Behaviour = keyof typeof BEHAVIOURS;

/** Starts the server on a free port of 127.0.0.1. */
export async function startMisbehavingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    const behaviour = req.url?.split('/')[1] ?? '';
    const handler = BEHAVIOURS[behaviour as Behaviour];
    if (handler) handler(res, req.method ?? 'GET', req.url ?? '/');
    else res.writeHead(400, { 'content-type': 'text/plain' }).end(`unknown behaviour ${behaviour}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // `never`, `stall` and `slow` hold their connections open.
        server.closeAllConnections();
      }),
  };
}
