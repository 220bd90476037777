import type { AsyncClient, JobInfo } from '@s2gos/async';
import type { Command } from 'commander';
import { InterruptedError } from '../errors.js';
import { addGlobalOptions, addRequestOptions } from '../options.js';
import { createJobProgressView } from '../progress.js';
import { askYesNo } from '../prompts.js';
import { buildExecutionRequest, type RequestSources } from '../request.js';
import type { Runtime } from '../runtime.js';

/** `execute-process` [ep]. */
export function registerExecuteCommand(program: Command, rt: Runtime): void {
  addRequestOptions(
    addGlobalOptions(
      program
        .command('execute-process')
        .alias('ep')
        .argument('[PROCESS_ID]', 'process identifier (default: process_id of the request file)')
        .description('execute a process; with --wait follow the job and print its results'),
      'long',
    ),
    true,
  )
    .option(
      '-w, --wait',
      'follow the job to its end, showing progress on stderr, then print the results',
    )
    .addHelpText(
      'after',
      `
The request is read from -r (JSON or YAML, - for stdin); -i values are set on top of it.
Ctrl-C during --wait asks whether to dismiss the job; without a terminal the job is left running
and its id is printed. Server URL for one call: --server URL (-s is --subscriber here).

Examples:
  $ s2gos execute-process primes_between -i min_val=10 -i max_val=100 --wait
  $ s2gos execute-process -r request.yaml -s success=https://example.org/hook
  $ cat request.json | s2gos ep -r - --wait -f json`,
    )
    .action(async (processIdArgument: string | undefined, _options: unknown, cmd: Command) => {
      const options = rt.options<RequestSources & { wait?: boolean }>(cmd);
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
        await followJob(rt, client, job);
        rt.print(cmd, await client.getJobResults(job.jobID));
      });
    });
}

/** Follows a job until it succeeds; Ctrl-C stops following and asks (or decides) what becomes of the job. */
async function followJob(rt: Runtime, client: AsyncClient, job: JobInfo): Promise<JobInfo> {
  const { stdin, stderr } = rt.io;
  const view = await createJobProgressView(stderr, stderr.isTTY === true);
  // The job's message is the server's free text: it goes through the same redaction as the rest.
  const show = (info: JobInfo) =>
    view.update(info.message ? { ...info, message: rt.redact(info.message) } : info);
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  show(job);
  try {
    return await client.waitForJob(job.jobID, { signal: interrupt.signal, onProgress: show });
  } catch (error) {
    if (!interrupt.signal.aborted) throw error;
    view.stop();
    await handleInterrupt(rt, client, job.jobID, stdin.isTTY === true && stderr.isTTY === true);
    throw new InterruptedError('interrupted');
  } finally {
    process.off('SIGINT', onSigint);
    view.stop();
  }
}

async function handleInterrupt(
  rt: Runtime,
  client: AsyncClient,
  jobId: string,
  interactive: boolean,
): Promise<void> {
  // Without a terminal nobody can be asked, and dismissing server-side work is not undoable:
  // leave the job running and say how to find it again.
  const dismiss = interactive && (await askToDismiss(rt, jobId));
  if (dismiss) {
    await client.dismissJob(jobId);
    rt.note(`Job ${jobId} dismissed.`);
  } else {
    rt.note(
      `Stopped following job ${jobId}; it keeps running. Check it with 's2gos get-job ${jobId}', ` +
        `dismiss it with 's2gos dismiss-job ${jobId}'.`,
    );
  }
}

async function askToDismiss(rt: Runtime, jobId: string): Promise<boolean> {
  try {
    return await askYesNo(
      { input: rt.io.stdin, output: rt.io.stderr },
      `Dismiss job ${jobId} on the server?`,
    );
  } catch {
    // A second Ctrl-C at the question: keep the job.
    return false;
  }
}
