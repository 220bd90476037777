/**
 * `@s2gos/async`: the asynchronous client of the ESA DTE-S2GOS processing service (OGC API -
 * Processes), built on ky. This is the Node entry; browsers get `browser.ts` through the
 * `browser` export condition.
 */
import { resolveConfig } from '@s2gos/config/node';
import { AsyncClientBase } from './client.js';
import { nodePlatform } from './node-platform.js';
import type { AsyncClientOptions } from './options.js';

export * from './public.js';

/**
 * The asynchronous client. Configuration is resolved by `@s2gos/config/node`: explicit
 * options, then environment, then the configuration file (`configPath`, default
 * `~/.s2gos/config`), read synchronously here.
 *
 * @example
 * ```ts
 * const client = new AsyncClient({ serverUrl: 'http://127.0.0.1:8008' });
 * const { processes } = await client.getProcesses();
 * ```
 */
export class AsyncClient extends AsyncClientBase {
  /** @throws `ConfigError` for a broken configuration file, `ClientError` for invalid options */
  constructor(options: AsyncClientOptions = {}) {
    super(options, nodePlatform(resolveConfig));
  }
}
