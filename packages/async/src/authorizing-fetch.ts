/**
 * The fetch that ky calls: it sends the call's headers, adds `Authorization: Bearer <token>` for
 * the configured origin only, follows redirects itself where the platform lets it, and ties every
 * hop to the call's signal.
 */
import type { FetchFunction } from './transport.js';

/**
 * One attempt: ky's Request (method, URL, body) sent with `headers` under `signal`. The headers
 * replace the Request's own: they are computed once per call instead of being copied through
 * ky's header merging.
 */
export type AuthorizingFetch = (
  request: Request,
  init: RequestInit | undefined,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
) => Promise<Response>;

/** What the authorizing fetch needs to know. */
export interface AuthorizingFetchOptions {
  /** Origin that may receive the access token. */
  origin: string;
  accessToken?: string | undefined;
  fetch: FetchFunction;
  /**
   * `manual`: follow redirects here so the token is dropped when the origin changes (Node: undici
   * exposes the redirect response). `native`: let fetch follow (browsers: manual redirects are
   * opaque there, and the Fetch standard removes `Authorization` on cross-origin redirects).
   */
  redirects: 'manual' | 'native';
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * Wraps fetch so that the token goes to the configured origin only. With `redirects: 'manual'` it
 * follows redirects itself and drops credentials for good once a hop leaves that origin (some
 * fetch implementations keep custom headers across origins). The token is never set on ky's
 * Request, which ends up in ky's errors.
 */
export function createAuthorizingFetch(options: AuthorizingFetchOptions): AuthorizingFetch {
  const { origin, accessToken, fetch: baseFetch } = options;
  const authorization = accessToken ? `Bearer ${accessToken}` : undefined;
  const withToken = (headers: Readonly<Record<string, string>>, url: string) =>
    authorization !== undefined && isSameOrigin(url, origin)
      ? { ...headers, authorization }
      : headers;

  if (options.redirects === 'native') {
    return (request, init, headers, signal) =>
      baseFetch(request, { ...init, headers: withToken(headers, request.url), signal });
  }

  return (request, init, headers, signal) => {
    // With a body, hops need it as bytes (a 307/308 resends it); without, fetch takes the Request.
    if (request.body !== null) return follow(request, init, headers, signal);
    const first = baseFetch(request, {
      ...init,
      headers: withToken(headers, request.url),
      signal,
      redirect: 'manual',
    });
    return first.then((response) =>
      isRedirect(response) ? follow(request, init, headers, signal, response) : response,
    );
  };

  /** Sends `request` (unless its `first` answer is there) and follows redirects hop by hop. */
  async function follow(
    request: Request,
    init: RequestInit | undefined,
    callHeaders: Readonly<Record<string, string>>,
    signal: AbortSignal,
    first?: Response,
  ): Promise<Response> {
    let url = request.url;
    let method = request.method;
    let trusted = isSameOrigin(url, origin);
    let body = request.body === null ? undefined : await request.arrayBuffer();
    const headers = new Headers(callHeaders);
    const hop = () => {
      if (trusted && authorization !== undefined) headers.set('authorization', authorization);
      if (!trusted) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
      return baseFetch(url, { ...init, method, headers, body, signal, redirect: 'manual' });
    };
    let response = first ?? (await hop());
    for (let redirects = 0; isRedirect(response); redirects++) {
      await response.body?.cancel();
      if (redirects === MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(response.headers.get('location') ?? '', url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new TypeError(`redirect to unsupported protocol ${next.protocol}`);
      }
      // Fetch standard, "HTTP-redirect fetch" step 12: 303 (and 301/302 after POST) become GET.
      if (
        (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      url = next.href;
      trusted &&= isSameOrigin(url, origin);
      response = await hop();
    }
    return response;
  }
}

function isRedirect(response: Response): boolean {
  return REDIRECT_STATUSES.has(response.status) && response.headers.has('location');
}

// Serialised http(s) URLs start with their origin; user info makes it fail, which is safe.
function isSameOrigin(url: string, origin: string): boolean {
  return url.startsWith(origin) && (url.length === origin.length || url[origin.length] === '/');
}
