import type { MiddlewareHandler } from 'hono';
import type { LogFunction } from './options.js';

/**
 * Logs one line per request once it is answered: time, method, path (without the query),
 * status and duration, e.g. `2025-06-01T12:00:00.000Z GET /jobs 200 1.4ms`. Headers are never
 * logged, so neither is an access token.
 */
export function requestLogger(log: LogFunction): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    log(`${new Date().toISOString()} ${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
  };
}
