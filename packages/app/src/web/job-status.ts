import { type JobInfo, type JobStatus, JobStatusSchema } from '@s2gos/models';

/** Every job status, in the models' order. */
export const JOB_STATUSES: readonly JobStatus[] = JobStatusSchema.options;

/** Whether the job may still change (the job list keeps refreshing while one is). */
export function isActive(job: Pick<JobInfo, 'status'>): boolean {
  return job.status === 'accepted' || job.status === 'running';
}

/** A timestamp of a job for people, in their locale; the raw text if it is not a date. */
export function formatTime(text: string | null | undefined): string {
  if (!text) return '';
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toLocaleString();
}
