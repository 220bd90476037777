/**
 * `@s2gos/async` for browsers (the `browser` export condition): the same client, resolving its
 * configuration from values only — no file system.
 */
import { ConfigError, resolveConfig } from '@s2gos/config';
import { AsyncClientBase } from './client.js';
import type { AsyncClientOptions, ConfigResolver } from './options.js';

export * from './public.js';

const resolveBrowserConfig: ConfigResolver = ({ configPath, ...options }) => {
  if (configPath !== undefined) {
    throw new ConfigError(
      'configPath is not supported in browsers: pass config, serverUrl and accessToken instead',
    );
  }
  return resolveConfig(options);
};

/**
 * The asynchronous client (browser build). Configuration comes from the options and
 * `@s2gos/config`'s defaults; `configPath` throws a `ConfigError`.
 *
 * @example
 * ```ts
 * const client = new AsyncClient({ serverUrl: 'https://example.org/api/v1/' });
 * const job = await client.executeProcess('sleep_a_while', { inputs: { duration: 1 } });
 * ```
 */
export class AsyncClient extends AsyncClientBase {
  /** @throws `ConfigError` for `configPath`, `ClientError` for invalid options */
  constructor(options: AsyncClientOptions = {}) {
    // Redirects are left to fetch (see `Platform.wrapFetch`).
    super(options, { resolveConfig: resolveBrowserConfig });
  }
}
