import type { JobList, JobStatus } from '@s2gos/models';
import type { Hono } from 'hono';
import {
  formatIssues,
  invalidParameterValue,
  jobExpired,
  jobFailed,
  noSuchFile,
  noSuchJob,
  resultNotReady,
} from '../errors.js';
import { isActive, type Job, type JobFilter } from '../jobs.js';
import { MediaType, Urls } from '../links.js';
import { paginate, parsePage } from '../pagination.js';
import { parseRange } from '../ranges.js';
import { renderJobInfo } from '../render.js';
import type { AppState } from '../state.js';

const STATUSES: readonly JobStatus[] = ['accepted', 'running', 'successful', 'failed', 'dismissed'];

/**
 * `GET /jobs` (paginated, newest first, filters `status` and `processID`), `GET /jobs/{jobID}`,
 * `DELETE /jobs/{jobID}`, `GET /jobs/{jobID}/results` and `GET /jobs/{jobID}/files/{name}`.
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
    findJob(state, jobId);
    const job = jobs.dismiss(jobId);
    if (job === undefined) throw noSuchJob(jobId);
    return c.json(renderJobInfo(job, new Urls(c.req.url), options.debug));
  });

  app.get('/jobs/:jobID/results', (c) => {
    const job = findJob(state, c.req.param('jobID'));
    if (isActive(job)) throw resultNotReady(job.id, job.status);
    // HEAD (answered by this GET route, without the body) is safe: it must not make the job
    // removable to make room, which would lose results nobody has received yet.
    if (c.req.method !== 'HEAD') jobs.markResultsRead(job);
    if (job.error !== undefined) throw jobFailed(job.id, job.error, options.debug);
    // Serialised and validated against the output schemas when the job finished.
    return c.body(job.resultsJson ?? '{}', 200, { 'Content-Type': MediaType.json });
  });

  app.get('/jobs/:jobID/files/:name', (c) => {
    const job = findJob(state, c.req.param('jobID'));
    const name = c.req.param('name');
    const file = job.files.get(name);
    if (file === undefined) throw noSuchFile(job.id, name);
    const size = file.data.byteLength;
    const etag = `"${job.id}-${name}-${size}"`;
    // With `If-Range` naming another version, the whole file is sent (RFC 9110, 13.1.5).
    const ifRange = c.req.header('If-Range');
    const range =
      ifRange === undefined || ifRange === etag
        ? parseRange(c.req.header('Range'), size)
        : undefined;
    const headers = { 'Content-Type': file.mediaType, 'Accept-Ranges': 'bytes', ETag: etag };
    if (range === undefined) {
      return c.body(file.data, 200, { ...headers, 'Content-Length': String(size) });
    }
    return c.body(file.data.subarray(range.start, range.end + 1), 206, {
      ...headers,
      'Content-Length': String(range.end - range.start + 1),
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
    });
  });
}

/** @throws HttpProblem 404 (job-expired) for an expired job, 404 (no-such-job) for others */
function findJob(state: AppState, jobId: string): Job {
  const job = state.jobs.get(jobId);
  if (job !== undefined) return job;
  const reason = state.jobs.expiredReason(jobId);
  throw reason === undefined ? noSuchJob(jobId) : jobExpired(jobId, reason);
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
