import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { bearerAuth } from './auth.js';
import { HttpProblem, ProblemType, respondProblem, tracebackOf } from './errors.js';
import { JobStore } from './jobs.js';
import { requestLogger } from './logging.js';
import { type AppOptions, type ResolvedAppOptions, resolveAppOptions } from './options.js';
import { ProcessPool } from './process-pool.js';
import { ProcessRegistry } from './processes/registry.js';
import { appRoutes } from './routes/app.js';
import { capabilitiesRoutes } from './routes/capabilities.js';
import { executionRoutes } from './routes/execution.js';
import { jobRoutes } from './routes/jobs.js';
import { processRoutes } from './routes/processes.js';
import type { AppState } from './state.js';
import { createAjv } from './validation.js';

/**
 * Creates the Hono app of the server: the OGC API - Processes endpoints over an in-memory job
 * store. Use it in-process (`app.request('/processes')`) or mount it in your own server; to
 * listen on a port, use {@link startServer}.
 *
 * @throws TypeError or RangeError for bad options, duplicate process IDs or schemas ajv cannot
 *   compile
 */
export function createApp(options?: AppOptions): Hono {
  return buildApp(resolveAppOptions(options)).app;
}

/** The app and its job store, for {@link startServer} which must close the store. */
export function buildApp(options: ResolvedAppOptions): { app: Hono; jobs: JobStore } {
  const pool = new ProcessPool({
    threads: options.workers,
    memoryMb: options.workerMemoryMb,
    abortGrace: options.abortGrace,
  });
  const jobs = new JobStore(options, pool);
  const state: AppState = {
    options,
    registry: new ProcessRegistry(options.processes, createAjv()),
    jobs,
  };
  options.signal?.addEventListener('abort', () => void jobs.close(0), { once: true });

  const app = new Hono({ strict: false });
  if (options.log) app.use(requestLogger(options.log));
  app.use(
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      exposeHeaders: [
        'Location',
        'Preference-Applied',
        'Content-Location',
        'WWW-Authenticate',
        'Retry-After',
        'Content-Range',
        'Content-Length',
        'Accept-Ranges',
      ],
    }),
  );
  // Before the token check: a browser opening the app cannot send a token yet.
  if (options.appFiles) appRoutes(app, options.appFiles);
  if (options.token !== undefined || options.oidcIssuer !== undefined) app.use(bearerAuth(options));
  capabilitiesRoutes(app);
  processRoutes(app, state);
  executionRoutes(app, state);
  jobRoutes(app, state);

  app.notFound((c) =>
    respondProblem(c, {
      type: ProblemType.blank,
      status: 404,
      title: 'Not Found',
      detail: `This server has no resource ${c.req.method} ${c.req.path}.`,
    }),
  );
  app.onError((error, c) => {
    if (error instanceof HttpProblem) return respondProblem(c, error.problem, error.headers);
    return respondProblem(c, {
      type: ProblemType.blank,
      status: 500,
      title: 'Internal Server Error',
      detail: options.debug ? String(error) : 'An unexpected error occurred.',
      ...(options.debug ? { traceback: tracebackOf(error) } : {}),
    });
  });
  return { app, jobs };
}
