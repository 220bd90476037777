import { ClientError, ErrorType, TransportError } from '@s2gos/async';
import { AuthError } from '@s2gos/async/internal';
import { ConfigError } from '@s2gos/config';
import { CommanderError } from 'commander';

/**
 * The exit codes of the `s2gos` command, the same as the Python tool's (plus 130 for Ctrl-C).
 */
export const ExitCode = {
  /** The command did what was asked. */
  Success: 0,
  /** A user error: bad arguments, an invalid request, a broken configuration. */
  UserError: 1,
  /** The server answered with an error, or a job followed with `--wait` failed. */
  ServerError: 2,
  /** The server could not be reached (network failure, timeout). */
  TransportError: 3,
  /** Interrupted by Ctrl-C (SIGINT) while following a job: the shell convention 128 + 2. */
  Interrupted: 130,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in what the user gave us (arguments, request files, inputs). Exit code 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One problem found in an execution request, with the path of the offending value. */
export interface RequestProblem {
  /** Where in the request, e.g. `inputs.min_val` or `inputs.scene.colors[2]`. */
  path: string;
  /** What is wrong, e.g. `must be >= 0, got -3`. */
  message: string;
}

/** An execution request that does not match the process description. Exit code 1. */
export class InvalidRequestError extends UsageError {
  override name = 'InvalidRequestError';
  readonly problems: readonly RequestProblem[];

  constructor(processId: string, problems: readonly RequestProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`the request for process '${processId}' is invalid (${count})`);
    this.problems = problems;
  }
}

/** The user pressed Ctrl-C while a job was followed. Exit code 130; the messages are already out. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

/**
 * Following a job stopped before the job ended (the wait timed out, the server could not be
 * reached or kept failing): the job may still be running. The exit code and first lines are the
 * cause's; a last line says how to pick the job up again.
 */
export class StoppedFollowingError extends Error {
  override name = 'StoppedFollowingError';
  readonly jobId: string;

  constructor(jobId: string, cause: unknown) {
    super(`Job ${jobId} may still be running: follow it again with 's2gos wait ${jobId}'.`, {
      cause,
    });
    this.jobId = jobId;
  }
}

/** What to tell the user about a failure, and how to exit. */
export interface FailureReport {
  exitCode: ExitCode;
  /** Lines for stderr; the first is the one-line `Error: ...` message (none for commander's own errors). */
  lines: string[];
}

/** Maps any thrown value to an exit code and the lines to print: the single place that does so. */
export function describeFailure(error: unknown, showTraceback: boolean): FailureReport {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help) already.
    return { exitCode: error.exitCode === 0 ? ExitCode.Success : ExitCode.UserError, lines: [] };
  }
  if (error instanceof InterruptedError) return { exitCode: ExitCode.Interrupted, lines: [] };
  if (error instanceof StoppedFollowingError) {
    const cause = describeFailure(error.cause, showTraceback);
    return { exitCode: cause.exitCode, lines: [...cause.lines, error.message] };
  }
  if (error instanceof AuthError) {
    // The provider could not be reached like a server that cannot be; otherwise it said no.
    return {
      exitCode: error.failure.unreachable ? ExitCode.TransportError : ExitCode.ServerError,
      lines: [errorLine(`Authentication failed: ${error.message}`)],
    };
  }
  if (error instanceof InvalidRequestError) {
    return {
      exitCode: ExitCode.UserError,
      lines: [errorLine(error.message), ...error.problems.map((p) => `  ${p.path}: ${p.message}`)],
    };
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    return { exitCode: ExitCode.UserError, lines: [errorLine(error.message)] };
  }
  // TransportError extends ClientError, so it must be tested first.
  if (error instanceof TransportError) {
    return { exitCode: ExitCode.TransportError, lines: [errorLine(error.message)] };
  }
  if (error instanceof ClientError && error.apiError.type === ErrorType.authFailed) {
    return {
      exitCode: ExitCode.ServerError,
      lines: [errorLine(`Authentication failed: ${error.message}`)],
    };
  }
  if (error instanceof ClientError) {
    return {
      // An argument the client rejected before sending is the user's mistake, like a bad flag;
      // a folder the results cannot be written to is the user's to fix too.
      exitCode:
        error.apiError.type === ErrorType.invalidArgument ||
        error.apiError.type === ErrorType.fileSystem
          ? ExitCode.UserError
          : ExitCode.ServerError,
      lines: [errorLine(error.message), ...tracebackLines(error.apiError.traceback, showTraceback)],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: ExitCode.UserError, lines: [errorLine(message)] };
}

function errorLine(message: string): string {
  // One line, whatever the server or a library put into the message.
  return `Error: ${message.replace(/\s*\n\s*/g, ' ').trim()}`;
}

function tracebackLines(traceback: readonly string[] | undefined, show: boolean): string[] {
  if (!show) return [];
  if (!traceback || traceback.length === 0) return ['(the server sent no traceback)'];
  // Python tracebacks arrive either as one string per frame or as one string with newlines.
  return [
    'Server traceback:',
    ...traceback.flatMap((entry) => entry.replace(/\n$/, '').split('\n')),
  ];
}
