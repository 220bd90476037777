import type { JobInfo, ProcessDescription, ProcessSummary } from '@s2gos/models';
import type { Job } from './jobs.js';
import { link, Rel, type Urls } from './links.js';
import type { RegisteredProcess } from './processes/registry.js';

/** The JobInfo document of a job; `traceback` only in debug mode. */
export function renderJobInfo(job: Job, urls: Urls, debug: boolean): JobInfo {
  const links = [link(urls.job(job.id), Rel.self, 'Job status')];
  if (job.status === 'successful') {
    links.push(link(urls.jobResults(job.id), Rel.results, 'Job results'));
  }
  const info: JobInfo = {
    type: 'process',
    jobID: job.id,
    processID: job.processId,
    status: job.status,
    ...(job.message === undefined ? {} : { message: job.message }),
    progress: job.progress,
    created: job.created.toISOString(),
    ...(job.started === undefined ? {} : { started: job.started.toISOString() }),
    ...(job.finished === undefined ? {} : { finished: job.finished.toISOString() }),
    updated: job.updated.toISOString(),
    links,
  };
  if (debug && job.error !== undefined) info.traceback = [...job.error.traceback];
  return info;
}

/** The summary of a process in the process list, linking to its description. */
export function renderProcessSummary(process: RegisteredProcess, urls: Urls): ProcessSummary {
  const { inputs: _inputs, outputs: _outputs, ...summary } = process.description;
  return {
    ...summary,
    links: [link(urls.process(process.id), Rel.self, 'Process description')],
  };
}

/** The full description of a process, linking to itself and its execution endpoint. */
export function renderProcessDescription(
  process: RegisteredProcess,
  urls: Urls,
): ProcessDescription {
  return {
    ...process.description,
    links: [
      link(urls.process(process.id), Rel.self, 'Process description'),
      link(urls.execution(process.id), Rel.execute, 'Execute the process'),
      link(
        urls.jobs(new URLSearchParams({ processID: process.id })),
        Rel.jobList,
        'Jobs of the process',
      ),
    ],
  };
}
