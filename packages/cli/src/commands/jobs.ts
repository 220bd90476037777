import type { JobList, JobStatus } from '@s2gos/async';
import { JobStatusSchema } from '@s2gos/async/internal';
import { type Command, InvalidArgumentError } from 'commander';
import { addGlobalOptions, positiveInteger } from '../options.js';
import type { Runtime } from '../runtime.js';

/** Every job status, for `--status`: the values of the models' `JobStatusSchema`. */
export const JOB_STATUSES = JobStatusSchema.options;

/** The commands that take a job id, call one operation on it and print the document it returns. */
const JOB_COMMANDS: readonly {
  name: string;
  alias: string;
  operation: 'getJob' | 'dismissJob' | 'getJobResults';
  description: string;
}[] = [
  { name: 'get-job', alias: 'gj', operation: 'getJob', description: 'show the status of a job' },
  {
    name: 'dismiss-job',
    alias: 'dj',
    operation: 'dismissJob',
    description: 'cancel a running job or delete a finished one',
  },
  {
    name: 'get-job-results',
    alias: 'gjr',
    operation: 'getJobResults',
    description: 'print the results of a successful job',
  },
];

interface JobFilter {
  status?: JobStatus[];
  process?: string;
  limit?: number;
}

/** `list-jobs` [lj], `get-job` [gj], `dismiss-job` [dj] and `get-job-results` [gjr]. */
export function registerJobCommands(program: Command, rt: Runtime): void {
  addGlobalOptions(
    program
      .command('list-jobs')
      .alias('lj')
      .description('list the jobs on the server')
      .option(
        '--status <status>',
        `only jobs with this status; comma-separated or repeated (${JOB_STATUSES.join(', ')})`,
        collectStatuses,
      )
      .option('--process <id>', 'only jobs of this process')
      .option('--limit <n>', 'at most this many jobs', positiveInteger),
  )
    .addHelpText(
      'after',
      `
The filters are sent as the OGC job-list parameters status, processID and limit, and applied
again to the answer for servers that ignore them.

Examples:
  $ s2gos list-jobs --status running,accepted
  $ s2gos lj --process primes_between --limit 5 -f json`,
    )
    .action(async (_options: unknown, cmd: Command) => {
      const filter = rt.options<JobFilter>(cmd);
      const searchParams = {
        status: filter.status,
        processID: filter.process,
        limit: filter.limit,
      };
      const list = await rt.withClient(cmd, (client) => client.getJobs({ searchParams }));
      rt.print(cmd, filterJobs(list, filter), 'job-list');
      if (list.links?.some((link) => link.rel === 'next')) {
        rt.note('The server has more jobs: raise --limit to list more.');
      }
    });

  for (const { name, alias, operation, description } of JOB_COMMANDS) {
    addGlobalOptions(
      program
        .command(name)
        .alias(alias)
        .argument('<JOB_ID>', 'job identifier')
        .description(description),
    ).action(async (jobId: string, _options: unknown, cmd: Command) => {
      // perform() is the async client's dispatch by operation name, the same as the typed methods.
      const document = await rt.withClient<unknown>(cmd, (client) =>
        client.perform(operation, [jobId]),
      );
      rt.print(cmd, document);
    });
  }
}

function filterJobs(list: JobList, filter: JobFilter): JobList {
  const jobs = list.jobs
    .filter((job) => !filter.status || filter.status.includes(job.status))
    .filter((job) => !filter.process || job.processID === filter.process);
  return { ...list, jobs: filter.limit ? jobs.slice(0, filter.limit) : jobs };
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
