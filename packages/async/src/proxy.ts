/**
 * Proxies in Node: `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (or their lower-case forms), read by
 * undici's `EnvHttpProxyAgent` and handed to fetch as its `dispatcher`. Node's own fetch ignores
 * these variables; the browser has its own proxy settings.
 */
import type { EnvHttpProxyAgent } from 'undici';
import type { FetchFunction } from './http.js';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'];

/**
 * `fetch` sending through the proxy that `env` sets, or `fetch` itself when none is set (then it
 * keeps its default dispatcher and connection pool). undici is loaded on the first request that
 * needs it, never at import: it is a large package graph, on the path of every process start and
 * of the sync client's worker.
 */
export function withProxy(fetch: FetchFunction, env: NodeJS.ProcessEnv): FetchFunction {
  const settings = proxySettings(env);
  if (!settings) return fetch;
  let agent: Promise<object> | undefined;
  return async (input, init) => {
    agent ??= proxyAgent(settings);
    return fetch(input, { ...init, dispatcher: await agent } as RequestInit);
  };
}

function proxySettings(env: NodeJS.ProcessEnv): EnvHttpProxyAgent.Options | undefined {
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

async function proxyAgent(settings: EnvHttpProxyAgent.Options): Promise<object> {
  // A variable specifier: bundles that include this file (the sync client's worker) neither
  // contain undici nor require it up front.
  const specifier = 'undici';
  const { EnvHttpProxyAgent } = (await import(specifier)) as typeof import('undici');
  return new EnvHttpProxyAgent(settings);
}
