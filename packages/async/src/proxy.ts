/**
 * Proxies in Node: `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (or their lower-case forms), read by
 * undici's `EnvHttpProxyAgent` and handed to fetch as its `dispatcher` (ky passes the option
 * through). Node's own fetch ignores these variables; the browser has its own proxy settings.
 */
import { EnvHttpProxyAgent } from 'undici';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'];

/**
 * The dispatcher for the proxy settings of `env`, or `undefined` when no proxy is set (then fetch
 * keeps its default dispatcher and its connection pool).
 */
export function proxyDispatcher(env: NodeJS.ProcessEnv = process.env): object | undefined {
  if (!PROXY_VARIABLES.some((name) => env[name])) return undefined;
  const value = (upper: string) => env[upper] || env[upper.toLowerCase()] || undefined;
  return new EnvHttpProxyAgent({
    httpProxy: value('HTTP_PROXY'),
    httpsProxy: value('HTTPS_PROXY'),
    noProxy: value('NO_PROXY'),
    // Plain http:// requests go to the proxy as absolute-form requests, as curl sends them;
    // https:// ones still tunnel with CONNECT.
    proxyTunnel: false,
  });
}
