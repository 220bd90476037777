import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { buildApp } from './app.js';
import { resolveServerOptions, type ServerOptions } from './options.js';

/** A running server, as {@link startServer} resolves it. */
export interface RunningServer {
  /** The base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /**
   * Stops the server: refuses new connections, dismisses every job (aborting its process),
   * waits for the processes to return (at most `closeTimeout`), then closes all connections,
   * idle keep-alive ones included. Resolves when done; calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/**
 * Starts the server on `host:port` (default `127.0.0.1:8008`; `port: 0` picks a free port).
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0 });
 * const res = await fetch(`${server.url}/processes`);
 * await server.close();
 * ```
 * @throws TypeError or RangeError for bad options; rejects with the listen error (e.g.
 *   `EADDRINUSE`) when the address cannot be used
 */
export async function startServer(options?: ServerOptions): Promise<RunningServer> {
  const resolved = resolveServerOptions(options);
  const { app, jobs } = buildApp(resolved);
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  await listen(server, resolved.host, resolved.port);
  const { port } = server.address() as AddressInfo;
  const url = `http://${formatHost(resolved.host)}:${port}`;

  const responses = trackResponses(server);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await jobs.close(resolved.closeTimeout);
      // Requests waiting for a job (synchronous execution) answer once it is dismissed.
      await responses.finished(resolved.closeTimeout);
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };
  // As with Node's `server.listen({ signal })`, aborting the signal closes the whole server.
  resolved.signal?.addEventListener('abort', () => void close(), { once: true });
  return { url, close };
}

/** Tracks responses not yet sent, so that closing can let them finish first. */
function trackResponses(server: Server): { finished(timeoutMs: number): Promise<void> } {
  const open = new Set<ServerResponse>();
  let onEmpty: (() => void) | undefined;
  server.on('request', (_request, response: ServerResponse) => {
    open.add(response);
    response.once('close', () => {
      open.delete(response);
      if (open.size === 0) onEmpty?.();
    });
  });
  return {
    finished(timeoutMs) {
      if (open.size === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        onEmpty = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new Error(`Cannot listen on ${formatHost(host)}:${port}: ${error.code ?? error.message}`, {
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** IPv6 addresses go in brackets in URLs. */
function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
