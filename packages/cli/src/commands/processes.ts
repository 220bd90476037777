import type { Command } from 'commander';
import { addGlobalOptions } from '../options.js';
import type { Runtime } from '../runtime.js';

/** `list-processes` [lp] and `get-process` [gp]. */
export function registerProcessCommands(program: Command, rt: Runtime): void {
  addGlobalOptions(
    program.command('list-processes').alias('lp').description('list the processes of the server'),
  ).action(async (_options: unknown, cmd: Command) => {
    const list = await rt.withClient(cmd, (client) => client.getProcesses());
    rt.print(cmd, list, 'process-list');
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
