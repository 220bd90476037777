import { ClientError, ErrorType, type JobInfo, type JobResults } from '@s2gos/async';
import { useEffect, useRef, useState } from 'react';
import { useSession } from './client-context.js';
import { ErrorView, Traceback } from './ErrorView.js';
import { JobProgress, JobStatusBadge } from './JobStatusBadge.js';
import { formatTime, isActive } from './job-status.js';
import { ResultsView } from './ResultsView.js';
import { href } from './router.js';

/**
 * A job: status, progress and message while it runs (through the client's `waitForJob`), then
 * its results, or its error with the traceback.
 */
export function JobPage({ jobId }: { jobId: string }) {
  const { client, connection } = useSession();
  const [job, setJob] = useState<JobInfo | undefined>();
  const [results, setResults] = useState<JobResults | undefined>();
  const [failure, setFailure] = useState<ClientError | undefined>();
  const [error, setError] = useState<unknown>();
  const watch = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    watch.current = controller;
    const { signal } = controller;
    setError(undefined);
    (async () => {
      try {
        setJob(await client.getJob(jobId, { signal }));
        const done = await client.waitForJob(jobId, {
          signal,
          onProgress: setJob,
          pollInterval: 300,
          maxPollInterval: 2000,
        });
        setJob(done);
        setResults(await client.getJobResults(jobId, { signal }));
      } catch (caught) {
        if (signal.aborted) return;
        if (caught instanceof ClientError && caught.job) {
          setJob(caught.job);
          if (caught.apiError.type === ErrorType.jobFailed) setFailure(caught);
          return;
        }
        setError(caught);
      }
    })();
    return () => controller.abort();
  }, [client, jobId]);

  // The answer to the dismissal is the job's last state: a server may forget the job right after.
  const dismiss = async () => {
    watch.current?.abort();
    try {
      setJob(await client.dismissJob(jobId));
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section className="job">
      <p className="breadcrumb">
        <a href={href({ page: 'jobs' })}>Jobs</a> /
      </p>
      <h1>
        Job <code>{jobId}</code>
      </h1>
      {error !== undefined && (
        <ErrorView
          error={error}
          context={`Following the job ${jobId} failed`}
          canConnect={!connection.forwarded}
        />
      )}
      {!job && error === undefined && <p className="loading">Loading the job…</p>}
      {job && (
        <>
          <dl className="job-info" aria-live="polite">
            <dt>Status</dt>
            <dd data-testid="job-status">
              <JobStatusBadge job={job} />
            </dd>
            <dt>Progress</dt>
            <dd>
              <JobProgress job={job} label="Progress" />
            </dd>
            <dt>Message</dt>
            <dd data-testid="job-message">{job.message ?? ''}</dd>
            {job.processID && (
              <>
                <dt>Process</dt>
                <dd>
                  <a href={href({ page: 'process', processId: job.processID })}>{job.processID}</a>
                </dd>
              </>
            )}
            <dt>Created</dt>
            <dd>{formatTime(job.created)}</dd>
            {job.finished && (
              <>
                <dt>Finished</dt>
                <dd>{formatTime(job.finished)}</dd>
              </>
            )}
          </dl>
          {isActive(job) && (
            <button type="button" className="btn" onClick={() => void dismiss()}>
              Dismiss job
            </button>
          )}
        </>
      )}
      {failure && (
        <div className="error" role="alert">
          <p className="error-title">The job failed</p>
          <p>{failure.job?.message ?? failure.apiError.detail ?? failure.message}</p>
          <Traceback lines={failure.apiError.traceback ?? failure.job?.traceback} />
        </div>
      )}
      {results && <ResultsView results={results} jobId={jobId} />}
    </section>
  );
}
