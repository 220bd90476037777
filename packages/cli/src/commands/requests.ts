import type { Command } from 'commander';
import { InvalidRequestError } from '../errors.js';
import { addGlobalOptions, addRequestOptions } from '../options.js';
import {
  buildExecutionRequest,
  createRequestTemplate,
  type RequestSources,
  requestTemplateComments,
} from '../request.js';
import type { Runtime } from '../runtime.js';

/** `create-request` [cr] and `validate-request` [vr]. */
export function registerRequestCommands(program: Command, rt: Runtime): void {
  addGlobalOptions(
    program
      .command('create-request')
      .alias('cr')
      .argument('<PROCESS_ID>', 'process identifier')
      .description('print a request template for a process, to edit and execute')
      .option('-d, --dotpath', 'write nested input values as dotted names'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ s2gos create-request primes_between > request.yaml
  $ s2gos execute-process -r request.yaml --wait`,
    )
    .action(async (processId: string, _options: unknown, cmd: Command) => {
      const { dotpath } = rt.options<{ dotpath?: boolean }>(cmd);
      const description = await rt.withClient(cmd, (client) => client.getProcess(processId));
      const template = createRequestTemplate(description, { dotpath });
      rt.print(cmd, template, 'document', requestTemplateComments(description, template));
    });

  addRequestOptions(
    addGlobalOptions(
      program
        .command('validate-request')
        .alias('vr')
        .argument('[PROCESS_ID]', 'process identifier (default: process_id of the request file)')
        .description('check a request against the input schemas of its process'),
    ),
    false,
  )
    .addHelpText(
      'after',
      `
Examples:
  $ s2gos validate-request -r request.yaml
  $ s2gos validate-request primes_between -i min_val=10 -i max_val=20`,
    )
    .action(async (processIdArgument: string | undefined, _options: unknown, cmd: Command) => {
      const sources = rt.options<RequestSources>(cmd);
      const { processId, request, warnings } = await buildExecutionRequest(
        processIdArgument,
        sources,
        rt.io.stdin,
      );
      for (const warning of warnings) rt.note(`warning: ${warning}`);
      const description = await rt.withClient(cmd, (client) => client.getProcess(processId));
      // Ajv is loaded only for this command: it is the largest dependency to start.
      const { findRequestProblems } = await import('../validate.js');
      const problems = findRequestProblems(description, request);
      if (problems.length > 0) throw new InvalidRequestError(processId, problems);
      rt.print(cmd, { process_id: processId, ...request });
      rt.note(`The request for process '${processId}' is valid.`);
    });
}
