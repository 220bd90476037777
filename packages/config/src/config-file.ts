import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';
import { type ClientConfig, CONFIG_KEYS } from './config.js';
import { ConfigError } from './errors.js';
import {
  applyConfig,
  configFromDocument,
  parseConfigDocument,
  stringifyConfigDocument,
  unknownFileKeys,
} from './file-format.js';
import { checkConfigValue } from './validate.js';

/** Options of the config file functions. */
export interface ConfigFileOptions {
  /** Home directory holding `.s2gos/config`; defaults to `os.homedir()`. Tests pass a temp folder. */
  homeDir?: string;
}

/**
 * The config file shared with the Python client: `<homeDir>/.s2gos/config`.
 *
 * @param homeDir - defaults to `os.homedir()`
 */
export function defaultConfigPath(homeDir: string = os.homedir()): string {
  return path.join(homeDir, '.s2gos', 'config');
}

/**
 * The current Python client's config file, `<homeDir>/.s2gos-client`, read when
 * {@link defaultConfigPath} does not exist.
 *
 * @param homeDir - defaults to `os.homedir()`
 */
export function pythonConfigPath(homeDir: string = os.homedir()): string {
  return path.join(homeDir, '.s2gos-client');
}

/** What {@link loadConfigFile} found. */
export interface LoadedConfigFile {
  /** Absolute path of the file read; `undefined` when there was none. */
  readonly file: string | undefined;
  /** Its values. */
  readonly config: ClientConfig;
  /** Its top-level keys that name no field (typos, mostly), as spelled in the file. */
  readonly unknownKeys: readonly string[];
}

/**
 * Reads a config file: YAML with snake_case keys (`server_url`, `auth_type`, `user_name`, …, or the
 * Python client's `api_url`, `username`, `token`). Without `file`, reads {@link defaultConfigPath}
 * or, when that does not exist, the Python client's {@link pythonConfigPath}. A missing or empty file
 * gives `{}`.
 *
 * @param file - path of the file; `undefined` or `''` means the default as above
 * @throws {@link ConfigError} naming the file when it is malformed YAML, not a mapping, holds a value
 *   of the wrong type, an invalid URL or auth type (with line and column), or cannot be read
 *   (a directory, no permission: with the OS reason).
 */
export function loadConfigFile(file?: string, options: ConfigFileOptions = {}): LoadedConfigFile {
  const candidates = file ? [path.resolve(file)] : defaultPaths(options.homeDir);
  for (const candidate of candidates) {
    const text = readText(candidate, candidate);
    if (text === undefined) continue;
    const document = parseConfigDocument(candidate, text);
    return {
      file: candidate,
      config: configFromDocument(document),
      unknownKeys: unknownFileKeys(document),
    };
  }
  return { file: undefined, config: {}, unknownKeys: [] };
}

/**
 * The values of {@link loadConfigFile}: the config file's, `{}` when there is none.
 *
 * @param file - path of the file; `undefined` or `''` means {@link defaultConfigPath}, else
 *   {@link pythonConfigPath}
 * @throws {@link ConfigError} as {@link loadConfigFile}
 */
export function readConfigFile(file?: string, options: ConfigFileOptions = {}): ClientConfig {
  return loadConfigFile(file, options).config;
}

function defaultPaths(homeDir: string | undefined): string[] {
  return [defaultConfigPath(homeDir), pythonConfigPath(homeDir)];
}

/**
 * Merges `config` into the config file and returns the absolute path written.
 *
 * - `undefined` leaves a key as it is; `''` removes it. Keys this package does not know, comments and
 *   key order are kept. Keys are written as `server_url`, `user_name`, `access_token` (the seed's
 *   names) and snake_case for the rest; the Python client's spelling of a written key is removed.
 * - Nothing is written when a value is invalid, the existing file cannot be parsed, or the result
 *   would not read back (e.g. an unrelated key still holds `server_url: 42`): a {@link ConfigError}
 *   says why, and the user's file stays as it was.
 * - A missing folder is created with mode 0700. The file is replaced atomically by one with mode
 *   0600 (it holds a secret). A symlinked file is written through the link.
 *
 * @param file - path of the file; `undefined` or `''` means {@link defaultConfigPath}
 */
export function writeConfigFile(
  config: ClientConfig,
  file?: string,
  options: ConfigFileOptions = {},
): string {
  const absolute = configPath(file, options);
  const updates = checkUpdates(absolute, config);
  const target = realTarget(absolute);
  const document = parseConfigDocument(absolute, readText(target, absolute) ?? '');
  applyConfig(document, updates);
  configFromDocument(document);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    writeFileAtomicSync(target, stringifyConfigDocument(document), 0o600);
  } catch (error) {
    throw new ConfigError(`Cannot write config file ${absolute}: ${reason(error)}`, {
      file: absolute,
      cause: error,
    });
  }
  return absolute;
}

function configPath(file: string | undefined, options: ConfigFileOptions): string {
  return path.resolve(file || defaultConfigPath(options.homeDir));
}

// Absent values stay undefined, values meaning "absent" ('' or, from JavaScript, null) become ''.
function checkUpdates(file: string, config: ClientConfig): ClientConfig {
  const updates: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    if (config[key] === undefined) continue;
    const checked = checkConfigValue(key, config[key]);
    if (!checked.ok) {
      throw new ConfigError(
        `Cannot write config file ${file}: invalid ${key}: ${checked.problem}`,
        {
          file,
        },
      );
    }
    updates[key] = checked.value ?? '';
  }
  return updates as ClientConfig;
}

// A config file kept elsewhere and symlinked (dotfile managers) is updated, not replaced by a copy.
function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return file;
    throw cannotRead(file, error);
  }
}

// `undefined` for a missing file. `file` is the path the user knows, `target` the one to read.
function readText(target: string, file: string): string | undefined {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(target);
  } catch (error) {
    // Only a missing file counts as absent. Not `throwIfNoEntry: false`: since Node 24 it also
    // hides ENOTDIR (a file where a folder of the path should be), which must be reported.
    if (errorCode(error) === 'ENOENT') return undefined;
    throw cannotRead(file, error);
  }
  // Checked before opening: opening a FIFO would block until someone writes to it.
  if (!stats.isFile()) {
    const kind = stats.isDirectory() ? 'a directory' : 'not a regular file';
    throw new ConfigError(`Cannot read config file ${file}: it is ${kind}`, { file });
  }
  try {
    return fs.readFileSync(target, 'utf8');
  } catch (error) {
    throw cannotRead(file, error);
  }
}

function cannotRead(file: string, error: unknown): ConfigError {
  return new ConfigError(`Cannot read config file ${file}: ${reason(error)}`, {
    file,
    cause: error,
  });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
