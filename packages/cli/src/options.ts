import { type Command, InvalidArgumentError, Option } from 'commander';
import { OUTPUT_FORMATS } from './output.js';

/**
 * Adds the global options to `command`, so that they work before and after the command name
 * (`s2gos -f json lp` and `s2gos lp -f json`). `server` says how `--server` is spelled there:
 * `short` adds `-s`, `long` only `--server` (where `-s` means something else, as
 * execute-process's `--subscriber`), `none` leaves it to the command.
 */
export function addGlobalOptions(
  command: Command,
  server: 'short' | 'long' | 'none' = 'short',
): Command {
  command.option('-c, --config <path>', 'configuration file (default: ~/.s2gos/config)');
  if (server !== 'none') {
    command.option(
      server === 'short' ? '-s, --server <url>' : '--server <url>',
      'server URL for this call (overrides the configuration)',
    );
  }
  return command
    .addOption(
      new Option(
        '-f, --format <format>',
        'output format (default: table for lists on a terminal, else yaml)',
      ).choices(OUTPUT_FORMATS),
    )
    .option('--traceback', "show the server's traceback with an error");
}

/**
 * Adds the options that make up an execution request: `-r`, `-i`, `-d`, and with `subscriber`
 * also `-s/--subscriber`.
 */
export function addRequestOptions(command: Command, subscriber: boolean): Command {
  command
    .option('-r, --request <file>', 'request file, JSON or YAML; - reads stdin')
    .option(
      '-i, --input <name=value>',
      'an input value, parsed as JSON when it parses, else a string (repeatable)',
      collect,
    )
    .option('-d, --dotpath', 'input names with dots set nested values: -i scene.colors.bg=red');
  if (subscriber) {
    command.option(
      '-s, --subscriber <event=url>',
      'callback URL for an event: success, failed or progress (repeatable)',
      collect,
    );
  }
  return command;
}

/** Commander argument parser for a positive integer. */
export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError('expected a positive integer.');
  }
  return value;
}

/** Commander argument parser for repeatable options: collects the values in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
