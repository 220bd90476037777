import type { ProcessSummary } from '@s2gos/async';
import type { Command } from 'commander';
import { addGlobalOptions, addListOptions, type ListOptions } from '../options.js';
import { pageSize } from '../paging.js';
import type { Runtime } from '../runtime.js';

/** `list-processes` [lp] and `get-process` [gp]. */
export function registerProcessCommands(program: Command, rt: Runtime): void {
  addListOptions(
    addGlobalOptions(
      program.command('list-processes').alias('lp').description('list the processes of the server'),
    ),
    'at most this many processes (default: all)',
  ).action(async (_options: unknown, cmd: Command) => {
    const { limit } = rt.options<ListOptions>(cmd);
    const processes: ProcessSummary[] = [];
    let more = false;
    await rt.withClient(cmd, async (client) => {
      for await (const process of client.iterateProcesses({
        searchParams: { limit: pageSize(limit) },
      })) {
        if (processes.length === limit) {
          more = true;
          break;
        }
        processes.push(process);
      }
    });
    rt.print(cmd, { processes }, 'process-list');
    if (more) {
      rt.note(
        `Showing the first ${processes.length} processes: --limit N shows more, --all shows all.`,
      );
    }
  });

  addGlobalOptions(
    program
      .command('get-process')
      .alias('gp')
      .argument('<PROCESS_ID>', 'process identifier')
      .description('describe a process: its inputs, outputs and job control options'),
  ).action(async (processId: string, _options: unknown, cmd: Command) => {
    const description = await rt.withClient(cmd, (client) => client.getProcess(processId));
    rt.print(cmd, description, 'process');
  });
}
