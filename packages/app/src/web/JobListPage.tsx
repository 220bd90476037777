import type { JobInfo, JobStatus } from '@s2gos/async';
import { useEffect, useId, useState } from 'react';
import { useSession } from './client-context.js';
import { ErrorView } from './ErrorView.js';
import { JobProgress, JobStatusBadge } from './JobStatusBadge.js';
import { formatTime, isActive, JOB_STATUSES } from './job-status.js';
import { href } from './router.js';
import { useLoad } from './use-load.js';

// Often enough to follow a job, rare enough for a busy service.
const REFRESH_MS = 1500;

/** The jobs on the service, newest first, refreshing while any of them runs. */
export function JobListPage() {
  const { client, connection } = useSession();
  const [jobs, reload] = useLoad((signal) => client.getJobs({ signal }), [client]);
  const [status, setStatus] = useState<JobStatus | ''>('');
  const [processId, setProcessId] = useState('');
  const [dismissFailure, setDismissFailure] = useState<unknown>();
  const [dismissed, setDismissed] = useState<JobInfo | undefined>();
  const statusId = useId();
  const processFilterId = useId();

  const list = jobs.state === 'done' ? jobs.value.jobs : [];
  const active = list.some(isActive);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each finished load arms the next one
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [active, jobs, reload]);

  const dismiss = async (job: JobInfo) => {
    setDismissFailure(undefined);
    setDismissed(undefined);
    try {
      setDismissed(await client.dismissJob(job.jobID));
    } catch (error) {
      setDismissFailure(error);
    }
    reload();
  };

  const processes = [...new Set(list.map((job) => job.processID).filter(Boolean))].sort();
  const shown = newestFirst(list).filter(
    (job) => (!status || job.status === status) && (!processId || job.processID === processId),
  );

  return (
    <section>
      <h1>Jobs</h1>
      <div className="filters">
        <div>
          <label htmlFor={statusId}>Status</label>
          <select
            id={statusId}
            className="form-control"
            value={status}
            onChange={(event) => setStatus(event.target.value as JobStatus | '')}
          >
            <option value="">All</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={processFilterId}>Process</label>
          <select
            id={processFilterId}
            className="form-control"
            value={processId}
            onChange={(event) => setProcessId(event.target.value)}
          >
            <option value="">All</option>
            {processes.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" onClick={reload}>
          Refresh
        </button>
        <p className="refresh-state" aria-live="polite">
          {active ? 'Refreshing while jobs run' : ''}
        </p>
      </div>
      {dismissed && (
        <p className="notice" role="status">
          Job <code>{dismissed.jobID}</code> ({dismissed.processID}) is {dismissed.status}.
        </p>
      )}
      {dismissFailure !== undefined && (
        <ErrorView error={dismissFailure} context="Dismissing the job failed" />
      )}
      {jobs.state === 'loading' && <p className="loading">Loading the jobs…</p>}
      {jobs.state === 'failed' && (
        <ErrorView
          error={jobs.error}
          context="Loading the jobs failed"
          canConnect={!connection.forwarded}
        />
      )}
      {jobs.state === 'done' && shown.length === 0 && (
        <p>{list.length === 0 ? 'No jobs yet: run a process.' : 'No job matches the filters.'}</p>
      )}
      {shown.length > 0 && (
        <table className="jobs">
          <caption className="visually-hidden">Jobs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Process</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Message</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((job) => (
              <tr key={job.jobID} data-job-id={job.jobID}>
                <td data-label="Job">
                  <a href={href({ page: 'job', jobId: job.jobID })}>
                    <code>{job.jobID}</code>
                  </a>
                </td>
                <td data-label="Process">{job.processID}</td>
                <td data-label="Status">
                  <JobStatusBadge job={job} />
                </td>
                <td data-label="Progress">
                  <JobProgress job={job} label={`Progress of job ${job.jobID}`} />
                </td>
                <td data-label="Message">{job.message}</td>
                <td data-label="Created">{formatTime(job.created)}</td>
                <td>
                  {job.status !== 'dismissed' && (
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`Dismiss job ${job.jobID}`}
                      onClick={() => void dismiss(job)}
                    >
                      Dismiss
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// By creation time, newest first; jobs without a time keep the server's order, after the others.
function newestFirst(jobs: readonly JobInfo[]): JobInfo[] {
  const time = (job: JobInfo) => {
    const t = job.created ? Date.parse(job.created) : Number.NaN;
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
  };
  return jobs
    .map((job, index) => ({ job, index }))
    .sort((a, b) => time(b.job) - time(a.job) || a.index - b.index)
    .map(({ job }) => job);
}
