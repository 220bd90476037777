/**
 * A purpose-built OGC API - Processes list server on 127.0.0.1 for paging: 25 processes and
 * 1,000 jobs, served in pages with `next` links, in an order and link style chosen by the first
 * path segment of the server URL:
 *
 * - `/oldest`: jobs oldest first (the order of many servers), absolute next links;
 * - `/newest`: jobs newest first, relative next links;
 * - `/elsewhere`: the next link points to another origin;
 * - `/loop`: the next link leads back to the first page.
 *
 * Filters are ignored, as some servers do. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running list server. */
export interface ListServer {
  /** `http://127.0.0.1:PORT`; add `/oldest`, `/newest`, ... for the server URL. */
  url: string;
  /** Path and query of every request so far. */
  requests: string[];
  close(): Promise<void>;
}

export const PROCESS_COUNT = 25;
export const JOB_COUNT = 1000;

const START = Date.parse('2026-01-01T00:00:00Z');

/** Job `i` (0 = oldest) was created `i` minutes after the start. */
export function jobId(i: number): string {
  return `job-${String(i).padStart(4, '0')}`;
}

const jobs = Array.from({ length: JOB_COUNT }, (_, i) => ({
  type: 'process',
  jobID: jobId(i),
  processID: `process-${i % PROCESS_COUNT}`,
  status: 'successful',
  created: new Date(START + i * 60_000).toISOString(),
}));

const processes = Array.from({ length: PROCESS_COUNT }, (_, i) => ({
  id: `process-${String(i).padStart(2, '0')}`,
  version: '1.0.0',
  title: `Process ${i}`,
}));

/** Starts the server on a free port of 127.0.0.1. */
export async function startListServer(): Promise<ListServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    answer(req, res, `http://${req.headers.host}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(req: IncomingMessage, res: ServerResponse, origin: string): void {
  const url = new URL(req.url ?? '/', origin);
  const [, mode = '', collection = ''] = url.pathname.split('/');
  const items =
    collection === 'processes'
      ? processes
      : collection === 'jobs'
        ? mode === 'newest'
          ? [...jobs].reverse()
          : jobs
        : undefined;
  if (req.method !== 'GET' || items === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"title":"Not found"}');
    return;
  }
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), 1000);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const page = items.slice(offset, offset + limit);
  const links = [];
  if (offset + limit < items.length) {
    const query = `limit=${limit}&offset=${offset + limit}`;
    const href = {
      oldest: `${origin}/oldest/${collection}?${query}`,
      newest: `${collection}?${query}`,
      elsewhere: `http://elsewhere.example/${collection}?${query}`,
      loop: `${origin}/loop/${collection}?limit=${limit}&offset=0`,
    }[mode];
    links.push({ href, rel: 'next', type: 'application/json' });
  }
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ [collection]: page, links }));
}
