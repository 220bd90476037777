import type { ClientConfig } from './config.js';

/** Tokens shorter than this are hidden completely: showing 4 of them would show most of the secret. */
const MIN_LENGTH_TO_SHOW_TAIL = 8;

/**
 * Hides an access token for display: `'****'` plus its last 4 characters, enough to tell tokens
 * apart. Tokens shorter than 8 characters give just `'****'`, so at most half a token is ever shown.
 *
 * @example redactToken('0123456789abcdef') // '****cdef'
 */
export function redactToken(token: string): string {
  return token.length < MIN_LENGTH_TO_SHOW_TAIL ? '****' : `****${token.slice(-4)}`;
}

/**
 * Returns a copy of `config` that is safe to print: the access token, if any, passed through
 * {@link redactToken}. Everything that shows a configuration (logs, `configure`, `--debug`) uses it.
 */
export function redactConfig<T extends ClientConfig>(config: T): T {
  const { accessToken } = config;
  return typeof accessToken === 'string' && accessToken !== ''
    ? { ...config, accessToken: redactToken(accessToken) }
    : { ...config };
}
