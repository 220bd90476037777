import { type DevicePrompt, deviceSignIn } from './device.js';
import { discoverEndpoints, type OAuthEndpoints } from './discovery.js';
import { AuthError, type OAuthType } from './errors.js';
import {
  type EndpointContext,
  type FetchFunction,
  postForm,
  readTokenAnswer,
  type TokenSet,
} from './token-endpoint.js';

/** The inputs of {@link createTokenSource}: the OAuth2 fields of a resolved `ClientConfig`, and hooks. */
export interface TokenSourceOptions {
  /** `login` (password grant), `client-credentials` or `device`. */
  readonly authType: OAuthType;
  /** The token endpoint, or the issuer URL to discover it (and the device endpoint) from. */
  readonly authUrl: string;
  /** `login`: the user. */
  readonly userName?: string | undefined;
  /** `login`: the password. */
  readonly password?: string | undefined;
  /** The client ID (required for `client-credentials` and `device`). */
  readonly clientId?: string | undefined;
  /** The client secret of a confidential client, sent in the form (`client_secret_post`). */
  readonly clientSecret?: string | undefined;
  /** The `scope` to ask for; none by default. */
  readonly scope?: string | undefined;
  /** The `fetch` for the token endpoint; default the global one. */
  readonly fetch?: FetchFunction | undefined;
  /** Tokens to start from (a cache), so no sign-in is needed while they last. */
  readonly tokens?: TokenSet | undefined;
  /** Called with the new tokens after every sign-in and refresh, and `undefined` when they became useless. */
  readonly onTokens?: ((tokens: TokenSet | undefined) => void) | undefined;
  /**
   * `device`: shows the user where to approve the sign-in. Without it a device source cannot sign
   * in by itself (only refresh): it fails with a hint to run `s2gos login`.
   */
  readonly onDevicePrompt?: ((prompt: DevicePrompt) => void) | undefined;
  /** Milliseconds one request to the provider may take. Default 30 000. */
  readonly timeout?: number | undefined;
  /** Aborts pending requests and device polling. */
  readonly signal?: AbortSignal | undefined;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/**
 * Hands out valid access tokens for one client: signs in when needed, refreshes shortly before the
 * token expires (a fifth of its lifetime, at most 30 s, ahead), and once more when told that the
 * server refused a token. Concurrent callers share one sign-in or refresh.
 */
export interface TokenSource {
  /** The auth type. */
  readonly authType: OAuthType;
  /** The current tokens, if any. Secrets. */
  readonly tokens: TokenSet | undefined;
  /**
   * A valid access token: the current one, or a new one after a refresh or sign-in.
   * @throws {@link AuthError} when no token can be had
   */
  getToken(): Promise<string>;
  /**
   * Tells the source the server answered 401 to `token`: returns a renewed token (forcing one
   * refresh, shared with concurrent callers; a token already replaced is not refreshed again).
   * Retry the request once with it.
   * @throws {@link AuthError} when no new token can be had
   */
  tokenRejected(token: string): Promise<string>;
  /**
   * Signs in anew, whatever tokens are held (`s2gos login`; for `device` it needs `onDevicePrompt`).
   * @throws {@link AuthError}
   */
  signIn(): Promise<TokenSet>;
  /** Forgets the tokens (`s2gos logout`); `onTokens` hears `undefined`. */
  clear(): void;
}

const MAX_MARGIN = 30_000;
const DEFAULT_TIMEOUT = 30_000;

interface Held {
  tokens: TokenSet;
  /** When to refresh ahead of expiry; `undefined` when the expiry is unknown. */
  refreshAt: number | undefined;
}

/**
 * Creates the {@link TokenSource} of an OAuth2 auth type. Browser-safe: it needs only `fetch`.
 *
 * When refreshing fails it signs in again where it can without the user (`login`,
 * `client-credentials`); otherwise (`device`) it fails with an {@link AuthError} whose hint is to run
 * `s2gos login`. Errors carry the endpoint's `error`/`error_description` and never a secret.
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const now = options.now ?? Date.now;
  const context: EndpointContext = {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    authType: options.authType,
    timeout: options.timeout ?? DEFAULT_TIMEOUT,
    signal: options.signal,
    secrets: [options.password, options.clientSecret].filter((s): s is string => !!s),
    now,
  };
  const client = { client_id: options.clientId, client_secret: options.clientSecret };
  let held: Held | undefined = options.tokens && hold(options.tokens, undefined);
  let pending: Promise<TokenSet> | undefined;
  let endpoints: Promise<OAuthEndpoints> | undefined;

  function hold(tokens: TokenSet, lifetime: number | undefined): Held {
    if (tokens.expiresAt === undefined) return { tokens, refreshAt: undefined };
    const margin = Math.min(MAX_MARGIN, lifetime === undefined ? MAX_MARGIN : lifetime / 5);
    return { tokens, refreshAt: tokens.expiresAt - margin };
  }

  function store(tokens: TokenSet, obtainedAt: number): TokenSet {
    held = hold(tokens, tokens.expiresAt === undefined ? undefined : tokens.expiresAt - obtainedAt);
    options.onTokens?.(tokens);
    return tokens;
  }

  function forget(): void {
    if (held === undefined) return;
    held = undefined;
    options.onTokens?.(undefined);
  }

  function discover(): Promise<OAuthEndpoints> {
    endpoints ??= discoverEndpoints(context, options.authUrl).catch((error: unknown) => {
      endpoints = undefined;
      throw error;
    });
    return endpoints;
  }

  function canSignInAlone(): boolean {
    if (options.authType === 'login') return !!(options.userName && options.password);
    if (options.authType === 'client-credentials')
      return !!(options.clientId && options.clientSecret);
    return options.onDevicePrompt !== undefined;
  }

  const signInHint =
    options.authType === 'login'
      ? 'Check user_name, password and client_id ("s2gos configure").'
      : options.authType === 'client-credentials'
        ? 'Check client_id and client_secret ("s2gos configure").'
        : 'Run "s2gos login" to sign in again.';

  async function signInOnce(): Promise<TokenSet> {
    const { tokenEndpoint, deviceAuthorizationEndpoint } = await discover();
    const startedAt = now();
    if (options.authType === 'device') {
      if (!options.onDevicePrompt) throw signInNeeded(tokenEndpoint);
      if (!deviceAuthorizationEndpoint) {
        throw new AuthError({
          authType: 'device',
          stage: 'discovery',
          endpoint: options.authUrl,
          errorDescription: 'no device_authorization_endpoint was found',
          hint: 'Set auth_url to the issuer URL, whose OpenID configuration names it.',
        });
      }
      const tokens = await deviceSignIn(context, {
        deviceAuthorizationEndpoint,
        tokenEndpoint,
        clientId: options.clientId ?? '',
        clientSecret: options.clientSecret,
        scope: options.scope,
        onPrompt: options.onDevicePrompt,
      });
      return store(tokens, startedAt);
    }
    const grant =
      options.authType === 'login'
        ? { grant_type: 'password', username: options.userName, password: options.password }
        : { grant_type: 'client_credentials' };
    const answer = await postForm(
      context,
      tokenEndpoint,
      { ...grant, ...client, scope: options.scope },
      'login',
      signInHint,
    );
    const failure = { stage: 'login' as const, endpoint: tokenEndpoint, hint: signInHint };
    return store(readTokenAnswer(context, answer, failure), startedAt);
  }

  async function refresh(refreshToken: string): Promise<TokenSet> {
    const { tokenEndpoint } = await discover();
    const startedAt = now();
    const answer = await postForm(
      context,
      tokenEndpoint,
      { grant_type: 'refresh_token', refresh_token: refreshToken, ...client },
      'refresh',
      'Try again later.',
    );
    const failure = {
      stage: 'refresh' as const,
      endpoint: tokenEndpoint,
      hint: canSignInAlone() ? signInHint : 'Run "s2gos login" to sign in again.',
    };
    return store(readTokenAnswer(context, answer, failure, refreshToken), startedAt);
  }

  function signInNeeded(tokenEndpoint: string): AuthError {
    return new AuthError({
      authType: options.authType,
      stage: 'login',
      endpoint: tokenEndpoint,
      errorDescription: 'no valid tokens are held and signing in needs the user',
      hint: 'Run "s2gos login" to sign in.',
    });
  }

  async function renew(): Promise<TokenSet> {
    const refreshToken = held?.tokens.refreshToken;
    if (refreshToken) {
      try {
        return await refresh(refreshToken);
      } catch (error) {
        // A refused refresh token is useless; no answer at all says nothing about it.
        if (!(error instanceof AuthError) || error.failure.unreachable) throw error;
        forget();
        if (!canSignInAlone()) throw error;
      }
    }
    return signInOnce();
  }

  // One renewal at a time; everyone waiting gets its outcome.
  function shared(run: () => Promise<TokenSet>): Promise<TokenSet> {
    pending ??= run().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    authType: options.authType,
    get tokens() {
      return held?.tokens;
    },
    async getToken() {
      if (pending) return (await pending).accessToken;
      if (held && (held.refreshAt === undefined || held.refreshAt > now())) {
        return held.tokens.accessToken;
      }
      return (await shared(renew)).accessToken;
    },
    async tokenRejected(token) {
      if (pending) return (await pending).accessToken;
      if (held && held.tokens.accessToken !== token) return held.tokens.accessToken;
      return (await shared(renew)).accessToken;
    },
    signIn: () => shared(signInOnce),
    clear: forget,
  };
}
