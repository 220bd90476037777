/**
 * The real `@s2gos/server` (from its dist) and a base-path proxy in front of it.
 */
import { request as httpRequest } from 'node:http';
import { startServer } from '@s2gos/server';
import { startTestServer, type TestServer } from './http-server.js';

export { startServer };

/** A long token; tests assert it never shows up anywhere. */
export const TOKEN = 'test-secret-token-0123456789abcdef';

/**
 * Serves the API of `target` under `basePath` (like `/api/v1/`): strips the prefix and forwards;
 * anything outside the prefix is a 404.
 */
export function startBasePathProxy(target: string, basePath: string): Promise<TestServer> {
  return startTestServer((request, response) => {
    if (!request.url.startsWith(basePath)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('outside of the base path');
      return;
    }
    const forwarded = httpRequest(
      `${target}/${request.url.slice(basePath.length)}`,
      { method: request.method, headers: { ...request.headers, host: new URL(target).host } },
      (upstream) => {
        response.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(response);
      },
    );
    forwarded.end(request.body);
  });
}
