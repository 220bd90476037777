/**
 * Proxies in Node: `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (or their lower-case forms), read by
 * undici's `EnvHttpProxyAgent` and handed to fetch as its `dispatcher` (ky passes the option
 * through). Node's own fetch ignores these variables; the browser has its own proxy settings.
 */
import { EnvHttpProxyAgent } from 'undici';
import { proxySettings } from './proxy-settings.js';

/**
 * The dispatcher for the proxy settings of `env`, or `undefined` when no proxy is set (then fetch
 * keeps its default dispatcher and its connection pool).
 */
export function proxyDispatcher(env: NodeJS.ProcessEnv = process.env): object | undefined {
  const settings = proxySettings(env);
  return settings && new EnvHttpProxyAgent(settings);
}
