import type { IncomingMessage } from 'node:http';
import type { Context, Hono } from 'hono';
import { readTextBody } from '../body.js';
import { jobDismissed, jobFailed } from '../errors.js';
import { parseExecuteRequest } from '../execute-request.js';
import type { Job } from '../jobs.js';
import { MediaType, Urls } from '../links.js';
import { allowsAsync, allowsSync } from '../processes/registry.js';
import { renderJobInfo } from '../render.js';
import type { AppState } from '../state.js';
import { findProcess } from './processes.js';

/**
 * `POST /processes/{processID}/execution`.
 *
 * Asynchronous by default: 201 with `Location` and the JobInfo. With `Prefer: respond-sync` on
 * a process offering `sync-execute` (or on a process offering only that), the request waits for
 * the job and answers 200 with the results document.
 */
export function executionRoutes(app: Hono, state: AppState): void {
  app.post('/processes/:processID/execution', async (c) => {
    const process = findProcess(state, c.req.param('processID'));
    const request = parseExecuteRequest(await readTextBody(c.req.raw), process);
    const prefer = preferences(c.req.header('Prefer'));
    const sync = allowsSync(process) && (prefer.has('respond-sync') || !allowsAsync(process));
    const urls = new Urls(c.req.url);
    const job = state.jobs.start(process, JSON.stringify(request.inputs), request.outputIds, {
      client: clientAddress(c),
      filesUrl: (jobId) => urls.jobFilesOfExecution(jobId),
    });
    if (sync) return respondSync(c, state, job);

    const headers: Record<string, string> = { Location: urls.job(job.id) };
    if (prefer.has('respond-async')) headers['Preference-Applied'] = 'respond-async';
    return c.json(renderJobInfo(job, urls, state.options.debug), 201, headers);
  });
}

async function respondSync(c: Context, state: AppState, job: Job): Promise<Response> {
  // A client that gives up waiting dismisses the job, so its work does not go on unseen.
  const signal = c.req.raw.signal;
  const onAbort = () => state.jobs.dismiss(job.id, 'The client closed the connection.');
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await state.jobs.whenDone(job);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (job.status === 'failed' && job.error !== undefined) {
    // Its failure is this response: read, like a 500 of `GET …/results`, so that the job may
    // make room for new ones instead of filling the store until its retention passes.
    state.jobs.markResultsRead(job);
    throw jobFailed(job.id, job.error, state.options.debug);
  }
  if (job.status !== 'successful' || job.resultsJson === undefined) throw jobDismissed(job.id);
  state.jobs.markResultsRead(job);
  return c.body(job.resultsJson, 200, {
    'Content-Type': MediaType.json,
    'Preference-Applied': 'respond-sync',
    'Content-Location': new Urls(c.req.url).jobResults(job.id),
  });
}

/** The address of the client, for the per-client limit (`local` for in-process requests). */
function clientAddress(c: Context): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket.remoteAddress ?? 'local';
}

/** The preference tokens of a `Prefer` header (RFC 7240), e.g. `respond-async`, lower-cased. */
function preferences(header: string | undefined): Set<string> {
  const tokens = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const name = part.split(/[;=]/, 1)[0]?.trim().toLowerCase();
    if (name) tokens.add(name);
  }
  return tokens;
}
