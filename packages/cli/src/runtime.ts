import { existsSync } from 'node:fs';
import { AsyncClient } from '@s2gos/async';
import { type ResolvedConfig, redactToken, resolveConfig, SECRET_KEYS } from '@s2gos/config/node';
import type { Command } from 'commander';
import { commandCredentials } from './auth.js';
import { describeFailure, type ExitCode, UsageError } from './errors.js';
import { type CliIO, type OutputStream, useColor } from './io.js';
import { chooseFormat, type DocumentKind, formatDocument, type OutputFormat } from './output.js';
import { isRecord } from './values.js';
import type { YamlComments } from './yaml.js';

/** The options every command accepts, before or after the command name. */
export interface GlobalOptions {
  /** `-c/--config`: the configuration file to use instead of `~/.s2gos/config`. */
  config?: string;
  /** `-s/--server`: the server URL for this call. */
  server?: string;
  /** `-f/--format`. */
  format?: OutputFormat;
  /** `--traceback`: print the server's traceback with an error. */
  traceback?: boolean;
}

// Shorter strings could occur in ordinary output by chance; real tokens are far longer.
const MIN_SECRET_LENGTH = 8;

/**
 * What the commands share during one run: the I/O, the merged options, the configuration and
 * client, and the one way to print documents and failures (with secrets redacted).
 */
export class Runtime {
  readonly io: CliIO;
  /** Whether the failure report includes the server's traceback (set from `--traceback`). */
  showTraceback = false;
  readonly #secrets = new Set<string>();

  constructor(io: CliIO) {
    this.io = io;
  }

  /** The command's options merged over its ancestors' (the value nearest the command wins). */
  options<T extends object = object>(command: Command): GlobalOptions & T {
    const merged: Record<string, unknown> = {};
    for (const cmd of lineage(command)) {
      for (const [key, value] of Object.entries(cmd.opts())) {
        if (value !== undefined) merged[key] = value;
      }
    }
    return merged as GlobalOptions & T;
  }

  /** The effective configuration: flags, then environment, then the config file, then defaults. */
  resolveConfig(command: Command): ResolvedConfig {
    const options = this.options(command);
    // A missing file reads as empty, which would silently fall back to the defaults: a `-c` path
    // with a typo is the user's mistake (configure writes the file and doesn't come here).
    if (options.config !== undefined && !existsSync(options.config)) {
      throw new UsageError(`configuration file '${options.config}' not found`);
    }
    const config = resolveConfig({
      configPath: options.config,
      serverUrl: options.server,
      env: this.io.env,
      homeDir: this.homeDir,
      onWarning: (warning) => this.note(`Warning: ${warning.message}`),
    });
    for (const key of SECRET_KEYS) {
      const secret = config[key];
      if (secret) this.addSecret(secret);
    }
    return config;
  }

  /** Runs `action` with a client for the effective configuration, and closes the client after. */
  async withClient<R>(command: Command, action: (client: AsyncClient) => Promise<R>): Promise<R> {
    // -v is the library's S2GOS_DEBUG log, which the client reads when it is created.
    if (this.options<{ verbose?: boolean }>(command).verbose) process.env.S2GOS_DEBUG = '1';
    const config = this.resolveConfig(command);
    const client = new AsyncClient({ config, ...commandCredentials(this, config) });
    try {
      return await action(client);
    } finally {
      await client.close();
    }
  }

  /**
   * Prints a document to stdout in the format asked for (or the default for its kind); YAML gets
   * `comments` above the keys at their paths.
   */
  print(
    command: Command,
    document: unknown,
    kind: DocumentKind = 'document',
    comments?: YamlComments,
  ): void {
    const { stdout } = this.io;
    const format = chooseFormat(this.options(command).format, kind, stdout.isTTY === true);
    // Redacted in the data, not the text: `****` in YAML text would read as an alias.
    const safe = this.#redactValue(document);
    const safeComments = comments && (this.#redactValue(comments) as YamlComments);
    stdout.write(
      formatDocument(safe, format, kind, { color: this.color(stdout), comments: safeComments }),
    );
  }

  /** Prints a line for the user (not data) to stderr. */
  note(text: string): void {
    this.#write(this.io.stderr, `${text}\n`);
  }

  /** Prints a line of data to stdout. */
  say(text: string): void {
    this.#write(this.io.stdout, `${text}\n`);
  }

  /** Reports a failure on stderr and returns the exit code for it. */
  fail(error: unknown): ExitCode {
    const { exitCode, lines } = describeFailure(error, this.showTraceback);
    const [first, ...rest] = lines;
    if (first !== undefined) {
      const head = this.color(this.io.stderr)
        ? first.replace(/^Error:/, '\u001b[31mError:\u001b[39m')
        : first;
      this.#write(this.io.stderr, `${[head, ...rest].join('\n')}\n`);
    }
    return exitCode;
  }

  /**
   * Registers a secret that must never be printed: documents and messages show its redacted form
   * instead, even when a server sends the secret back.
   */
  addSecret(secret: string): void {
    if (secret.length >= MIN_SECRET_LENGTH) this.#secrets.add(secret);
  }

  /** Whether colours are used on `stream`. */
  color(stream: OutputStream): boolean {
    return useColor(stream, this.io.env);
  }

  /** The home directory seen through the environment given to the CLI. */
  get homeDir(): string | undefined {
    return this.io.env.HOME || this.io.env.USERPROFILE || undefined;
  }

  #write(stream: OutputStream, text: string): void {
    stream.write(this.redact(text));
  }

  /** `text` with every registered secret replaced by its redacted form. */
  redact(text: string): string {
    let safe = text;
    for (const secret of this.#secrets) safe = safe.replaceAll(secret, redactToken(secret));
    return safe;
  }

  #redactValue(value: unknown): unknown {
    if (this.#secrets.size === 0) return value;
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.#redactValue(item));
    if (isRecord(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.redact(key), this.#redactValue(item)]),
      );
    }
    return value;
  }
}

function lineage(command: Command): Command[] {
  const commands: Command[] = [];
  for (let cmd: Command | null = command; cmd; cmd = cmd.parent) commands.unshift(cmd);
  return commands;
}
