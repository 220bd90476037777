import { Command } from 'commander';
import { version } from '../package.json';
import { registerAppCommand } from './commands/app.js';
import { registerConfigureCommand } from './commands/configure.js';
import { registerExecuteCommand } from './commands/execute.js';
import { registerGenerateCommand } from './commands/generate.js';
import { registerJobCommands } from './commands/jobs.js';
import { registerLoginCommands } from './commands/login.js';
import { registerProcessCommands } from './commands/processes.js';
import { registerRequestCommands } from './commands/requests.js';
import type { ExitCode } from './errors.js';
import { type CliIO, resolveIO } from './io.js';
import { addGlobalOptions } from './options.js';
import { Runtime } from './runtime.js';

const EXAMPLES = `
Commands have short aliases (lp = list-processes, ep = execute-process, ...).
Global options work before or after the command; -s/--server and -c/--config override the
configuration for one call.

Exit codes: 0 success, 1 user error (arguments, request, configuration), 2 the server answered
with an error or the job failed, 3 the server could not be reached, 130 interrupted.

Examples:
  $ s2gos configure -s http://127.0.0.1:8008
  $ s2gos list-processes
  $ s2gos get-process primes_between
  $ s2gos execute-process primes_between -i min_val=10 -i max_val=100 --wait
  $ s2gos wait JOB_ID --timeout 2h
  $ s2gos list-jobs --status running -f json
  $ s2gos list-jobs --all
  $ s2gos app
  $ s2gos --server https://s2gos.example.org/api lp`;

/**
 * Creates the `s2gos` commander program, for embedding the CLI in another tool.
 *
 * Commander's exit is overridden: a failure rejects `parseAsync` with the original error (a
 * `ClientError`, `UsageError`, `CommanderError`, ...). Use {@link run} for the complete CLI
 * behaviour: one-line error messages and exit codes.
 *
 * @param io - streams and environment to use instead of the process's.
 */
export function createProgram(io?: Partial<CliIO>): Command {
  return buildProgram(new Runtime(resolveIO(io)));
}

/**
 * Runs the `s2gos` command with the given arguments, as the `s2gos` binary does.
 *
 * Never throws and never exits the process: failures are printed to stderr as one line
 * (`Error: ...`, plus the server traceback with `--traceback`) and turned into the exit code.
 *
 * @param args - the arguments after the program name, e.g. `['lp', '-f', 'json']`.
 * @param io - streams and environment to use instead of the process's.
 * @returns the exit code: 0 success, 1 user error, 2 server error, 3 server unreachable, 130 interrupted.
 *
 * @example
 * ```ts
 * import { run } from '@s2gos/cli';
 * process.exitCode = await run(['get-process', 'primes_between', '-f', 'json']);
 * ```
 */
export async function run(args: readonly string[], io?: Partial<CliIO>): Promise<ExitCode> {
  const rt = new Runtime(resolveIO(io));
  try {
    await buildProgram(rt).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    return rt.fail(error);
  }
}

function buildProgram(rt: Runtime): Command {
  const { stdout, stderr } = rt.io;
  const program = new Command('s2gos')
    .description(
      'Command-line client for the ESA DTE-S2GOS processing service (OGC API - Processes).',
    )
    .version(version, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'show help')
    // Global options come before the command name; each command repeats them after its name.
    .enablePositionalOptions()
    // Inherited by every command added below: commander reports, we decide how to exit.
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error:/, 'Error:')),
    });
  addGlobalOptions(program).addHelpText('after', EXAMPLES);
  program.hook('preAction', (_program, action) => {
    rt.showTraceback = rt.options(action).traceback === true;
  });

  registerConfigureCommand(program, rt);
  registerLoginCommands(program, rt);
  registerProcessCommands(program, rt);
  registerRequestCommands(program, rt);
  registerExecuteCommand(program, rt);
  registerJobCommands(program, rt);
  registerGenerateCommand(program, rt);
  registerAppCommand(program, rt);
  return program;
}
