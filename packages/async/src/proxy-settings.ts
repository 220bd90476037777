/**
 * The proxy settings of an environment, without loading undici: the sync client's worker loads
 * undici only when a proxy is set (see `proxy.ts` for the agent itself).
 */
import type { EnvHttpProxyAgent } from 'undici';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'];

/** The options of undici's `EnvHttpProxyAgent` for `env`, or `undefined` when no proxy is set. */
export function proxySettings(env: NodeJS.ProcessEnv): EnvHttpProxyAgent.Options | undefined {
  if (!PROXY_VARIABLES.some((name) => env[name])) return undefined;
  const value = (upper: string) => env[upper] || env[upper.toLowerCase()] || undefined;
  return {
    httpProxy: value('HTTP_PROXY'),
    httpsProxy: value('HTTPS_PROXY'),
    noProxy: value('NO_PROXY'),
    // Plain http:// requests go to the proxy as absolute-form requests, as curl sends them;
    // https:// ones still tunnel with CONNECT.
    proxyTunnel: false,
  };
}
