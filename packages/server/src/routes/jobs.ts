import type { JobList, JobResults, JobStatus } from '@s2gos/models';
import type { Hono } from 'hono';
import {
  formatIssues,
  invalidParameterValue,
  jobFailed,
  noSuchJob,
  resultNotReady,
} from '../errors.js';
import { isActive, type Job, type JobFilter } from '../jobs.js';
import { Urls } from '../links.js';
import { paginate, parsePage } from '../pagination.js';
import { renderJobInfo } from '../render.js';
import type { AppState } from '../state.js';

const STATUSES: readonly JobStatus[] = ['accepted', 'running', 'successful', 'failed', 'dismissed'];

/**
 * `GET /jobs` (paginated, filters `status` and `processID`), `GET /jobs/{jobID}`,
 * `DELETE /jobs/{jobID}` and `GET /jobs/{jobID}/results`.
 */
export function jobRoutes(app: Hono, state: AppState): void {
  const { jobs, options } = state;

  app.get('/jobs', (c) => {
    const urls = new Urls(c.req.url);
    const query = new URL(c.req.url).searchParams;
    const filter = parseJobFilter(query);
    const page = paginate(jobs.list(filter), parsePage(query), query, (q) => urls.jobs(q));
    const body: JobList = {
      jobs: page.items.map((job) => renderJobInfo(job, urls, options.debug)),
      links: page.links,
    };
    return c.json(body);
  });

  app.get('/jobs/:jobID', (c) => {
    const job = findJob(state, c.req.param('jobID'));
    return c.json(renderJobInfo(job, new Urls(c.req.url), options.debug));
  });

  app.delete('/jobs/:jobID', (c) => {
    const jobId = c.req.param('jobID');
    const job = jobs.dismiss(jobId);
    if (job === undefined) throw noSuchJob(jobId);
    return c.json(renderJobInfo(job, new Urls(c.req.url), options.debug));
  });

  app.get('/jobs/:jobID/results', (c) => {
    const job = findJob(state, c.req.param('jobID'));
    if (isActive(job)) throw resultNotReady(job.id, job.status);
    if (job.error !== undefined) throw jobFailed(job.id, job.error, options.debug);
    // The outputs were validated against the process's output schemas.
    return c.json(job.results as JobResults);
  });
}

function findJob(state: AppState, jobId: string): Job {
  const job = state.jobs.get(jobId);
  if (job === undefined) throw noSuchJob(jobId);
  return job;
}

/**
 * Reads the `status` and `processID` filters; each may be repeated or comma-separated.
 *
 * @throws HttpProblem 400 (invalid-parameter-value) for an unknown status
 */
function parseJobFilter(query: URLSearchParams): JobFilter {
  const statuses = listParam(query, 'status');
  const processIds = listParam(query, 'processID');
  const unknown = statuses?.filter((status) => !(STATUSES as readonly string[]).includes(status));
  if (unknown !== undefined && unknown.length > 0) {
    const issues = unknown.map((status) => ({
      path: 'status',
      message: `'${status}' is not a job status; expected one of ${STATUSES.join(', ')}`,
    }));
    throw invalidParameterValue(formatIssues(issues), issues);
  }
  return {
    ...(statuses === undefined ? {} : { statuses: new Set(statuses) }),
    ...(processIds === undefined ? {} : { processIds: new Set(processIds) }),
  };
}

function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  const items = values.flatMap((value) => value.split(',')).map((value) => value.trim());
  const given = items.filter(Boolean);
  // `?status=` filters nothing, like an absent parameter.
  return given.length > 0 ? given : undefined;
}
