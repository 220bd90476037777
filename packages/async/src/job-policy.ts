/**
 * How to wait for a job, without any I/O: the policy (delays, tolerated 404s, outcome, timeout)
 * and the wait built on it ({@link createJobWait}), which the async `waitForJob` and the blocking
 * loop of the sync client both drive.
 */
import type { JobInfo } from '@s2gos/models';
import { ClientError, ErrorType } from './errors.js';

/** Tuning of the wait. All durations in milliseconds. */
export interface JobWaitPolicyOptions {
  /** Give up after this long (default 1 hour; `Infinity` waits as long as the job runs). */
  timeout?: number | undefined;
  /** Delay before the second poll (default 250); later delays grow by `backoffFactor`. */
  pollInterval?: number | undefined;
  /** Upper bound of the delay between polls (default 5000). */
  maxPollInterval?: number | undefined;
  /** Growth of the delay per poll (default 1.5). */
  backoffFactor?: number | undefined;
  /**
   * How many of the first polls may answer 404 before the job was seen once (default 3): some
   * servers register a job only after answering the execute request.
   */
  notFoundPolls?: number | undefined;
}

/** Where a job stands after one poll. */
export type JobOutcome =
  | { state: 'pending'; job: JobInfo }
  | { state: 'success'; job: JobInfo }
  | { state: 'failure'; job: JobInfo; error: ClientError };

/** The wait policy; create it with {@link createJobWaitPolicy}. */
export interface JobWaitPolicy {
  /** Overall timeout in ms. */
  readonly timeout: number;
  /** Delay in ms after poll number `attempt` (from 0) before the next poll. */
  nextDelay(attempt: number): number;
  /** Whether a 404 on poll `attempt` (from 0) is tolerated; only ask while the job was never seen. */
  tolerateNotFound(attempt: number): boolean;
  /** Whether the job has ended (successful, failed or dismissed). */
  isTerminal(job: JobInfo): boolean;
  /** The error for a failed or dismissed job, `undefined` otherwise. */
  failureFor(job: JobInfo): ClientError | undefined;
  /** Pending, success or failure (with its error). */
  outcome(job: JobInfo): JobOutcome;
  /** The error when `timeout` has passed; `lastJob` is the last status seen. */
  timeoutError(jobId: string, lastJob?: JobInfo): ClientError;
}

/** Defaults of {@link JobWaitPolicyOptions}. */
export const DEFAULT_JOB_WAIT = {
  timeout: 3_600_000,
  pollInterval: 250,
  maxPollInterval: 5_000,
  backoffFactor: 1.5,
  notFoundPolls: 3,
} as const;

/** Creates the wait policy; throws a `TypeError` for a negative or non-numeric setting. */
export function createJobWaitPolicy(options: JobWaitPolicyOptions = {}): JobWaitPolicy {
  const setting = (name: keyof JobWaitPolicyOptions): number => {
    const value = options[name] ?? DEFAULT_JOB_WAIT[name];
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new TypeError(`${name} must be a non-negative number, got ${value}`);
    }
    return value;
  };
  const timeout = setting('timeout');
  const pollInterval = setting('pollInterval');
  const maxPollInterval = Math.max(setting('maxPollInterval'), pollInterval);
  const backoffFactor = Math.max(setting('backoffFactor'), 1);
  const notFoundPolls = setting('notFoundPolls');

  const failureFor = (job: JobInfo): ClientError | undefined => {
    if (job.status !== 'failed' && job.status !== 'dismissed') return undefined;
    const failed = job.status === 'failed';
    const reason = job.message ? `: ${job.message}` : '';
    return new ClientError(
      `job ${job.jobID} ${failed ? 'failed' : 'was dismissed'}${reason}`,
      {
        type: failed ? ErrorType.jobFailed : ErrorType.jobDismissed,
        title: failed ? 'Job failed' : 'Job dismissed',
        ...(job.message ? { detail: job.message } : {}),
        ...(job.traceback ? { traceback: job.traceback } : {}),
      },
      { operation: 'waitForJob', job },
    );
  };

  return {
    timeout,
    nextDelay: (attempt) =>
      Math.min(pollInterval * backoffFactor ** Math.max(attempt, 0), maxPollInterval),
    tolerateNotFound: (attempt) => attempt < notFoundPolls,
    isTerminal: (job) =>
      job.status === 'successful' || job.status === 'failed' || job.status === 'dismissed',
    failureFor,
    outcome(job) {
      if (job.status === 'successful') return { state: 'success', job };
      const error = failureFor(job);
      return error ? { state: 'failure', job, error } : { state: 'pending', job };
    },
    timeoutError: (jobId, lastJob) =>
      new ClientError(
        `job ${jobId} did not finish within ${timeout} ms${lastJob ? ` (last status: ${lastJob.status})` : ''}`,
        { type: ErrorType.jobTimeout, title: 'Job wait timed out' },
        { operation: 'waitForJob', job: lastJob },
      ),
  };
}

/** What one poll of `getJob` gave: the job's status, or the error the call threw. */
export type JobPoll = { job: JobInfo } | { error: unknown };

/** What to do after a poll: return the finished job, or sleep `delay` ms and poll again. */
export type JobWaitStep = { done: true; job: JobInfo } | { done: false; delay: number };

/** Options of {@link createJobWait}: the policy's, plus the progress callback. */
export interface JobWaitOptions extends JobWaitPolicyOptions {
  /** Called with every status polled, including the final one. */
  onProgress?: ((job: JobInfo) => void) | undefined;
}

/**
 * One wait for one job, as a state machine fed with the outcome of each poll. It decides
 * everything — tolerated early 404s, `onProgress`, success, failure, timeout, the next delay — so
 * that the async `waitForJob` (awaiting `getJob` and an abortable sleep) and the sync client's
 * blocking loop only poll and sleep:
 *
 * ```ts
 * const wait = createJobWait(jobId, options);
 * for (;;) {
 *   const step = wait.next(await client.getJob(jobId).then((job) => ({ job }), (error) => ({ error })));
 *   if (step.done) return step.job;
 *   await sleep(step.delay);
 * }
 * ```
 */
export interface JobWait {
  /** The last status polled, if any. */
  readonly lastJob: JobInfo | undefined;
  /**
   * Takes the outcome of the next poll (the first poll comes right away) and returns what to do.
   *
   * @throws the `ClientError` of a failed or dismissed job or of the timeout, or the poll's own
   *   error unless it is a 404 tolerated while the job was never seen.
   */
  next(poll: JobPoll): JobWaitStep;
}

/**
 * Starts waiting for job `jobId`: the deadline runs from now.
 *
 * @throws `TypeError` for a negative or non-numeric setting (see {@link createJobWaitPolicy})
 */
export function createJobWait(jobId: string, options: JobWaitOptions = {}): JobWait {
  const policy = createJobWaitPolicy(options);
  const { onProgress } = options;
  const deadline = Date.now() + policy.timeout;
  let attempt = 0;
  let lastJob: JobInfo | undefined;
  return {
    get lastJob() {
      return lastJob;
    },
    next(poll) {
      if ('job' in poll) {
        lastJob = poll.job;
        onProgress?.(poll.job);
        const outcome = policy.outcome(poll.job);
        if (outcome.state === 'success') return { done: true, job: poll.job };
        if (outcome.state === 'failure') throw outcome.error;
      } else if (
        !(lastJob === undefined && isNotFound(poll.error) && policy.tolerateNotFound(attempt))
      ) {
        throw poll.error;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw policy.timeoutError(jobId, lastJob);
      return { done: false, delay: Math.min(policy.nextDelay(attempt++), remaining) };
    },
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof ClientError && error.status === 404;
}
