import { type ClientConfig, CONFIG_KEYS, FILE_KEYS, SECRET_KEYS } from './config.js';

/** Tokens shorter than this are hidden completely: showing 4 of them would show most of the secret. */
const MIN_LENGTH_TO_SHOW_TAIL = 8;

/**
 * Hides a token or key for display: `'****'` plus its last 4 characters, enough to tell tokens
 * apart. Values shorter than 8 characters give just `'****'`, so at most half a token is ever shown.
 *
 * @example redactToken('0123456789abcdef') // '****cdef'
 */
export function redactToken(token: string): string {
  return token.length < MIN_LENGTH_TO_SHOW_TAIL ? '****' : `****${token.slice(-4)}`;
}

/**
 * Returns a copy of `config` that is safe to print: the access token, client secret and API key
 * passed through {@link redactToken}, a password shown as `'****'` only (its tail would help guess
 * it). Everything that shows a configuration (logs, `configure`, `--debug`) uses it.
 */
export function redactConfig<T extends ClientConfig>(config: T): T {
  const copy = { ...config };
  for (const key of SECRET_KEYS) {
    const value = copy[key];
    if (typeof value !== 'string' || value === '') continue;
    copy[key] = key === 'password' ? '****' : redactToken(value);
  }
  return copy;
}

/**
 * The configuration under the key names of the config file (`server_url`, `auth_type`, `user_name`,
 * …), in the file's order, for showing it as the file would hold it (`s2gos configure --show`).
 * Pass it a redacted config.
 */
export function toFileKeys(config: ClientConfig): Record<string, string | boolean> {
  const entries: [string, string | boolean][] = [];
  for (const key of CONFIG_KEYS) {
    const value = config[key];
    if (value !== undefined) entries.push([FILE_KEYS[key], value]);
  }
  return Object.fromEntries(entries);
}
