/**
 * What the Node builds (`AsyncClient` here, the sync client's worker) give the client: redirects
 * followed in the client, proxies from the environment, files for results, the HTTP log.
 */
import type { Platform } from './client.js';
import { debugLogFromEnv } from './debug-log.js';
import { downloadResultFiles } from './download.js';
import { followRedirects } from './http.js';
import type { ConfigResolver } from './options.js';
import { withProxy } from './proxy.js';

/** The Node platform with `resolveConfig` as its configuration resolver. */
export function nodePlatform(resolveConfig: ConfigResolver): Platform {
  return {
    resolveConfig,
    wrapFetch: (fetch, origin) => followRedirects(withProxy(fetch, process.env), origin),
    download: downloadResultFiles,
    debugLog: () => debugLogFromEnv(process.env),
  };
}
