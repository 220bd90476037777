/** Where in a config file a problem was found (1-based, as editors count). */
export interface ConfigErrorDetails {
  /** Absolute path of the config file involved, if any. */
  file?: string;
  /** 1-based line in {@link ConfigErrorDetails.file}, when known. */
  line?: number;
  /** 1-based column in {@link ConfigErrorDetails.file}, when known. */
  column?: number;
  /** The underlying error (an OS error for file access). Never a YAML error: those quote the file, token included. */
  cause?: unknown;
}

// A registry-wide brand: `@s2gos/config` and `@s2gos/config/node` are bundled separately for CommonJS,
// and an app may hold two copies of the package; `instanceof ConfigError` must hold across all of them.
const brand = Symbol.for('@s2gos/config.ConfigError');

/**
 * Thrown for any configuration the package cannot use: an invalid argument or environment variable,
 * a config file that is malformed, holds a value of the wrong type, or cannot be read or written.
 *
 * The message names where the bad value came from (argument, environment variable or file, with line
 * and column when the YAML parser knows them). It never contains the access token.
 */
export class ConfigError extends Error {
  /** Absolute path of the config file involved, if any. */
  declare readonly file?: string;
  /** 1-based line of the problem in {@link ConfigError.file}, when known. */
  declare readonly line?: number;
  /** 1-based column of the problem in {@link ConfigError.file}, when known. */
  declare readonly column?: number;

  /**
   * @param message - the complete, user-facing message
   * @param details - file, line, column and cause, all optional
   */
  constructor(message: string, details: ConfigErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ConfigError';
    if (details.file !== undefined) this.file = details.file;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
    Object.defineProperty(this, brand, { value: true });
  }

  /** `instanceof` by brand, so it holds across the package's entries and duplicate installs. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses keep the ordinary prototype check; `this` is the class on the right of `instanceof`.
    // biome-ignore lint/complexity/noThisInStatic: which class is asked is the point here
    if (this !== ConfigError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && brand in value;
  }
}

/**
 * Builds the error for a bad config file, with the position in the message and the fields,
 * e.g. `Invalid config file /x/config (line 3, column 5): duplicate key`.
 */
export function fileError(
  file: string,
  problem: string,
  position?: { line: number; column: number },
): ConfigError {
  const where = position ? ` (line ${position.line}, column ${position.column})` : '';
  return new ConfigError(`Invalid config file ${file}${where}: ${problem}`, { file, ...position });
}
