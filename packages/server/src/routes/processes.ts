import type { ProcessList } from '@s2gos/models';
import type { Hono } from 'hono';
import { noSuchProcess } from '../errors.js';
import { Urls } from '../links.js';
import { paginate, parsePage } from '../pagination.js';
import type { RegisteredProcess } from '../processes/registry.js';
import { renderProcessDescription, renderProcessSummary } from '../render.js';
import type { AppState } from '../state.js';

/** `GET /processes` (paginated) and `GET /processes/{processID}`. */
export function processRoutes(app: Hono, state: AppState): void {
  app.get('/processes', (c) => {
    const urls = new Urls(c.req.url);
    const query = new URL(c.req.url).searchParams;
    const page = paginate(state.registry.list(), parsePage(query), query, (q) => urls.processes(q));
    const body: ProcessList = {
      processes: page.items.map((process) => renderProcessSummary(process, urls)),
      links: page.links,
    };
    return c.json(body);
  });

  app.get('/processes/:processID', (c) => {
    const process = findProcess(state, c.req.param('processID'));
    return c.json(renderProcessDescription(process, new Urls(c.req.url)));
  });
}

/** @throws HttpProblem 404 (no-such-process) */
export function findProcess(state: AppState, processId: string): RegisteredProcess {
  const process = state.registry.get(processId);
  if (process === undefined) throw noSuchProcess(processId);
  return process;
}
