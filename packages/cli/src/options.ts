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
    .option('--traceback', "show the server's traceback with an error")
    .option('-v, --verbose', 'log each HTTP request and response to stderr (secrets redacted)');
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

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Commander argument parser for a duration: `90s`, `15m`, `2h`, `1h30m`, `500ms`, `1.5d`, or
 * plain seconds (`90`). Returns milliseconds.
 */
export function duration(text: string): number {
  const trimmed = text.trim();
  let ms: number;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else if (/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/.test(trimmed)) {
    ms = 0;
    for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
      ms += Number(amount) * (DURATION_UNITS[unit as string] ?? 0);
    }
  } else {
    throw new InvalidArgumentError(
      'expected a duration such as 90s, 15m, 2h or 1h30m (or seconds).',
    );
  }
  if (!(ms > 0)) throw new InvalidArgumentError('expected a duration longer than 0.');
  return ms;
}

/** Adds `--timeout DURATION`, the limit of a wait for a job, and `--outage-budget DURATION`. */
export function addTimeoutOption(command: Command): Command {
  return command
    .option(
      '--timeout <duration>',
      'with --wait: stop following after this long (90s, 15m, 2h, or seconds; default: no limit)',
      duration,
    )
    .option(
      '--outage-budget <duration>',
      'with --wait: how long the server may stay unreachable or failing before following stops (default: 5m)',
      duration,
    );
}

/** `--limit N` and `--all` of the list commands. */
export interface ListOptions {
  limit?: number;
  all?: boolean;
}

/** Adds `--limit N` (described by `limit`) and `--all`, which exclude each other. */
export function addListOptions(command: Command, limit: string): Command {
  return command
    .addOption(new Option('--limit <n>', limit).argParser(positiveInteger))
    .addOption(new Option('--all', 'all of them, reading every page').conflicts('limit'));
}
