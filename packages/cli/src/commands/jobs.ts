import {
  type AsyncClient,
  ClientError,
  ErrorType,
  type JobInfo,
  type JobStatus,
} from '@s2gos/async';
import { JobStatusSchema } from '@s2gos/async/internal';
import { type Command, InvalidArgumentError } from 'commander';
import { createDownloadView } from '../download-progress.js';
import { InterruptedError, UsageError } from '../errors.js';
import {
  addGlobalOptions,
  addListOptions,
  addTimeoutOption,
  type ListOptions,
} from '../options.js';
import { pageSize } from '../paging.js';
import type { Runtime } from '../runtime.js';
import { followJob } from '../wait.js';

/** Every job status, for `--status`: the values of the models' `JobStatusSchema`. */
export const JOB_STATUSES = JobStatusSchema.options;

/** How many jobs `list-jobs` shows without `--limit` or `--all`. */
const DEFAULT_JOB_LIMIT = 10;

interface JobFilter extends ListOptions {
  status?: JobStatus[];
  process?: string;
}

interface WaitOptions {
  wait?: boolean;
  timeout?: number;
  outageBudget?: number;
  /** `get-job-results -o DIR`: write the results as files there. */
  output?: string;
  /** `get-job-results -o DIR --overwrite`: replace files already there. */
  overwrite?: boolean;
}

/**
 * `list-jobs` [lj], `get-job` [gj], `wait` [w], `get-job-results` [gjr] and `dismiss-job` [dj].
 */
export function registerJobCommands(program: Command, rt: Runtime): void {
  registerListJobs(program, rt);

  addWaitOptions(
    addGlobalOptions(
      program
        .command('get-job')
        .alias('gj')
        .argument('<JOB_ID>', 'job identifier')
        .description('show the status of a job; with --wait its final status'),
    ),
    'then print its final status',
  ).action(async (jobId: string, _options: unknown, cmd: Command) => {
    const options = waitOptions(rt, cmd);
    const job = await rt.withClient(cmd, async (client) => {
      if (!options.wait) return client.getJob(jobId);
      try {
        return await followJob(rt, client, jobId, options);
      } catch (error) {
        // The final status of a failed or dismissed job is the answer; the exit code says how it ended.
        if (isJobEnd(error)) rt.print(cmd, error.job);
        throw error;
      }
    });
    rt.print(cmd, job);
  });

  addTimeoutOption(
    addGlobalOptions(
      program
        .command('wait')
        .alias('w')
        .argument('<JOB_ID>', 'job identifier')
        .description('follow a job to its end, showing progress on stderr, then print its results'),
    ),
  )
    .addHelpText(
      'after',
      `
Picks up a job that execute-process --wait stopped following (Ctrl-C, --timeout, an outage).
The same as get-job-results --wait.

Examples:
  $ s2gos wait 6f1c2a0e-5b1d-4e0c-9a43-1a2b3c4d5e6f
  $ s2gos wait 6f1c2a0e-5b1d-4e0c-9a43-1a2b3c4d5e6f --timeout 2h -f json`,
    )
    .action(async (jobId: string, _options: unknown, cmd: Command) => {
      const { timeout, outageBudget } = rt.options<WaitOptions>(cmd);
      await printResults(rt, cmd, jobId, { wait: true, timeout, outageBudget });
    });

  addWaitOptions(
    addGlobalOptions(
      program
        .command('get-job-results')
        .alias('gjr')
        .argument('<JOB_ID>', 'job identifier')
        .description('print the results of a successful job, or write them as files')
        .option(
          '-o, --output <dir>',
          'write each output into DIR: links downloaded as files, other values as <output>.json',
        )
        .option('--overwrite', 'with --output: replace files already in DIR under those names'),
    ),
    'then print its results',
  ).action(async (jobId: string, _options: unknown, cmd: Command) => {
    await printResults(rt, cmd, jobId, waitOptions(rt, cmd));
  });

  addGlobalOptions(
    program
      .command('dismiss-job')
      .alias('dj')
      .argument('<JOB_ID>', 'job identifier')
      .description('cancel a running job or delete a finished one'),
  ).action(async (jobId: string, _options: unknown, cmd: Command) => {
    rt.print(cmd, await rt.withClient(cmd, (client) => client.dismissJob(jobId)));
  });
}

function registerListJobs(program: Command, rt: Runtime): void {
  addListOptions(
    addGlobalOptions(
      program
        .command('list-jobs')
        .alias('lj')
        .description('list the jobs on the server, newest first')
        .option(
          '--status <status>',
          `only jobs with this status; comma-separated or repeated (${JOB_STATUSES.join(', ')})`,
          collectStatuses,
        )
        .option('--process <id>', 'only jobs of this process'),
    ),
    `at most this many jobs (default ${DEFAULT_JOB_LIMIT})`,
  )
    .addHelpText(
      'after',
      `
Jobs are shown newest first (by their creation time), whatever order the server lists them in.
The filters are sent as the OGC job-list parameters status and processID, and applied again to
the answer for servers that ignore them. When more jobs match than are shown, stderr says so.

Examples:
  $ s2gos list-jobs --status running,accepted
  $ s2gos lj --process primes_between --limit 5 -f json
  $ s2gos lj --all -f json`,
    )
    .action(async (_options: unknown, cmd: Command) => {
      const filter = rt.options<JobFilter>(cmd);
      const limit = filter.all ? undefined : (filter.limit ?? DEFAULT_JOB_LIMIT);
      const { jobs, more, total } = await rt.withClient(cmd, (client) =>
        newestJobs(client, filter, limit),
      );
      rt.print(cmd, { jobs }, 'job-list');
      if (more) {
        const of = total === undefined ? '' : ` of ${total}`;
        rt.note(
          `Showing the ${jobs.length} newest${of} jobs: --limit N shows more, --all shows all.`,
        );
      }
    });
}

/**
 * The `limit` newest jobs matching `filter` (all with `undefined`). Pages are read until `limit`
 * jobs are in while the server lists newest first; a server listing in another order is read to
 * the end, so that the newest are among what was read.
 */
async function newestJobs(
  client: AsyncClient,
  filter: JobFilter,
  limit: number | undefined,
): Promise<{ jobs: JobInfo[]; more: boolean; total?: number }> {
  const query = { status: filter.status, processID: filter.process, limit: pageSize(limit) };
  const jobs: JobInfo[] = [];
  let newestFirst = true;
  for await (const job of client.iterateJobs(query)) {
    if (filter.status && !filter.status.includes(job.status)) continue;
    if (filter.process && job.processID !== filter.process) continue;
    const previous = jobs.at(-1);
    if (previous && createdTime(job) > createdTime(previous)) newestFirst = false;
    if (newestFirst && jobs.length === limit) return { jobs, more: true };
    jobs.push(job);
  }
  // Stable: jobs created at the same time keep the server's order.
  jobs.sort((a, b) => createdTime(b) - createdTime(a));
  if (limit === undefined || jobs.length <= limit) return { jobs, more: false };
  return { jobs: jobs.slice(0, limit), more: true, total: jobs.length };
}

function createdTime(job: JobInfo): number {
  const time = job.created ? Date.parse(job.created) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

async function printResults(
  rt: Runtime,
  cmd: Command,
  jobId: string,
  options: WaitOptions,
): Promise<void> {
  const results = await rt.withClient(cmd, async (client) => {
    // A failed or dismissed job rejects with a ClientError carrying its message and traceback.
    if (options.wait) await followJob(rt, client, jobId, options);
    if (options.output === undefined) return client.getJobResults(jobId);
    const view = await createDownloadView(rt.io.stderr, rt.io.stderr.isTTY === true);
    // Ctrl-C stops the download instead of killing the process, which would leave the terminal
    // as the bar set it (cursor hidden, no line wrap) and the partial file unexplained.
    const interrupt = new AbortController();
    const onSigint = () => interrupt.abort();
    process.once('SIGINT', onSigint);
    try {
      const files = await client.downloadResults(jobId, {
        dir: options.output,
        overwrite: options.overwrite,
        onProgress: (progress) => view.update(progress),
        signal: interrupt.signal,
      });
      return { files };
    } catch (error) {
      if (!interrupt.signal.aborted) throw error;
      view.stop();
      rt.note(
        `Stopped downloading the results of job ${jobId}: unfinished files are kept as .part, ` +
          `and the same command picks them up again.`,
      );
      throw new InterruptedError('interrupted');
    } finally {
      process.off('SIGINT', onSigint);
      view.stop();
    }
  });
  rt.print(cmd, results);
}

function addWaitOptions(command: Command, then: string): Command {
  return addTimeoutOption(
    command.option('-w, --wait', `follow the job to its end, showing progress on stderr, ${then}`),
  );
}

function waitOptions(rt: Runtime, cmd: Command): WaitOptions {
  const options = rt.options<WaitOptions>(cmd);
  if (options.timeout !== undefined && !options.wait) {
    throw new UsageError('--timeout limits --wait: give both');
  }
  if (options.overwrite && options.output === undefined) {
    throw new UsageError('--overwrite applies to the files of --output: give both');
  }
  return options;
}

/** A failed or dismissed job, as `waitForJob` reports it. */
function isJobEnd(error: unknown): error is ClientError & { job: JobInfo } {
  return (
    error instanceof ClientError &&
    error.job !== undefined &&
    (error.apiError.type === ErrorType.jobFailed || error.apiError.type === ErrorType.jobDismissed)
  );
}

function collectStatuses(text: string, previous: JobStatus[] | undefined): JobStatus[] {
  const statuses = text.split(',').map((s) => s.trim());
  for (const status of statuses) {
    if (!(JOB_STATUSES as readonly string[]).includes(status)) {
      throw new InvalidArgumentError(`expected one of ${JOB_STATUSES.join(', ')}.`);
    }
  }
  return [...(previous ?? []), ...(statuses as JobStatus[])];
}
