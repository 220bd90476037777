import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { addGlobalOptions, addRequestOptions, addTimeoutOption } from '../options.js';
import { buildExecutionRequest, type RequestSources } from '../request.js';
import type { Runtime } from '../runtime.js';
import { followJob } from '../wait.js';

/** `execute-process` [ep]. */
export function registerExecuteCommand(program: Command, rt: Runtime): void {
  const command = addRequestOptions(
    addGlobalOptions(
      program
        .command('execute-process')
        .alias('ep')
        .argument('[PROCESS_ID]', 'process identifier (default: process_id of the request file)')
        .description('execute a process; with --wait follow the job and print its results'),
      'long',
    ),
    true,
  ).option(
    '-w, --wait',
    'follow the job to its end, showing progress on stderr, then print the results',
  );
  addTimeoutOption(command)
    .addHelpText(
      'after',
      `
The request is read from -r (JSON or YAML, - for stdin); -i values are set on top of it.
Ctrl-C during --wait asks whether to dismiss the job; without a terminal the job is left running
and its id is printed. 's2gos wait JOB_ID' picks a job up again. Server URL for one call:
--server URL (-s is --subscriber here).

Examples:
  $ s2gos execute-process primes_between -i min_val=10 -i max_val=100 --wait
  $ s2gos ep sleep_a_while -i duration=600 --wait --timeout 15m
  $ s2gos execute-process -r request.yaml -s success=https://example.org/hook
  $ cat request.json | s2gos ep -r - --wait -f json`,
    )
    .action(async (processIdArgument: string | undefined, _options: unknown, cmd: Command) => {
      const options = rt.options<
        RequestSources & { wait?: boolean; timeout?: number; outageBudget?: number }
      >(cmd);
      if (options.timeout !== undefined && !options.wait) {
        throw new UsageError('--timeout limits --wait: give both');
      }
      const { processId, request, warnings } = await buildExecutionRequest(
        processIdArgument,
        options,
        rt.io.stdin,
      );
      for (const warning of warnings) rt.note(`warning: ${warning}`);
      await rt.withClient(cmd, async (client) => {
        const job = await client.executeProcess(processId, request);
        if (!options.wait) {
          rt.print(cmd, job);
          return;
        }
        // A failed or dismissed job rejects with a ClientError carrying its message and traceback.
        await followJob(rt, client, job.jobID, {
          job,
          timeout: options.timeout,
          outageBudget: options.outageBudget,
        });
        rt.print(cmd, await client.getJobResults(job.jobID));
      });
    });
}
