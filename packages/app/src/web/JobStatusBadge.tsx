import type { JobInfo } from '@s2gos/async';

/** The status of a job as a coloured word, and its progress bar while it has one. */
export function JobStatusBadge({ job }: { job: Pick<JobInfo, 'status'> }) {
  return <span className={`status status-${job.status}`}>{job.status}</span>;
}

/** A progress bar with an accessible name; unknown progress shows as an indeterminate bar. */
export function JobProgress({ job, label }: { job: JobInfo; label: string }) {
  const progress = typeof job.progress === 'number' ? job.progress : undefined;
  return (
    <span className="progress">
      <progress
        aria-label={label}
        max={100}
        value={progress ?? (job.status === 'successful' ? 100 : undefined)}
      />
      {progress !== undefined && <span className="progress-value">{Math.round(progress)}%</span>}
    </span>
  );
}
