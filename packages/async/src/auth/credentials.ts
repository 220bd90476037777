import type { ResolvedConfig } from '@s2gos/config';
import type { DevicePrompt } from './device.js';
import type { OAuthType } from './errors.js';
import { type CredentialHeader, staticCredentialHeader, tokenHeader } from './headers.js';
import type { FetchFunction, TokenSet } from './token-endpoint.js';
import { createTokenSource, type TokenSource } from './token-source.js';

/** Hooks and inputs of {@link createCredentials} beyond the configuration. */
export interface CredentialsOptions {
  /** The `fetch` for the token endpoint; default the global one. */
  readonly fetch?: FetchFunction | undefined;
  /** Tokens to start from (a cache). */
  readonly tokens?: TokenSet | undefined;
  /** Hears every new token set, and `undefined` when they became useless (to keep a cache). */
  readonly onTokens?: ((tokens: TokenSet | undefined) => void) | undefined;
  /** `device`: lets the source sign in by showing the user a code. */
  readonly onDevicePrompt?: ((prompt: DevicePrompt) => void) | undefined;
  /** Aborts requests to the provider. */
  readonly signal?: AbortSignal | undefined;
  /** Milliseconds one request to the provider may take (default 30 000). */
  readonly timeout?: number | undefined;
}

/**
 * The credentials of one client, for its request hooks:
 *
 * ```ts
 * beforeRequest: async (request) => {
 *   if (!isSameOrigin(request.url, config.serverUrl)) return;
 *   const header = await credentials.header();
 *   if (header) request.headers.set(...header);
 * },
 * afterResponse: async (request, options, response) => {
 *   if (response.status !== 401 || retried(request)) return;
 *   const header = await credentials.afterUnauthorized(request.headers.get(name));
 *   if (header) { request.headers.set(...header); return ky(request, options); }
 * }
 * ```
 */
export interface Credentials {
  /** The token source of the OAuth2 auth types; `undefined` for the others. */
  readonly tokenSource: TokenSource | undefined;
  /** Whether no request carries a credential (`none`, or `token`/`api-key` without a secret). */
  readonly sendsNothing: boolean;
  /**
   * The header to set on a request to the configured origin; `undefined` for `none`.
   * @throws `AuthError` when an OAuth2 token cannot be had
   */
  header(): Promise<CredentialHeader | undefined>;
  /**
   * After a 401 to a request that carried `sentValue` (the credential header's value): the header to
   * retry once with, or `undefined` when retrying cannot help (static credentials).
   * @throws `AuthError` when no new token can be had
   */
  afterUnauthorized(sentValue: string | null): Promise<CredentialHeader | undefined>;
}

const OAUTH_TYPES: readonly string[] = ['login', 'client-credentials', 'device'];

/**
 * The credentials of a resolved configuration: a static header, or a token source (created here) and
 * the header of its tokens.
 */
export function createCredentials(
  config: ResolvedConfig,
  options: CredentialsOptions = {},
): Credentials {
  if (!OAUTH_TYPES.includes(config.authType)) {
    const header = staticCredentialHeader(config);
    return {
      tokenSource: undefined,
      sendsNothing: header === undefined,
      header: async () => header,
      afterUnauthorized: async () => undefined,
    };
  }
  const source = createTokenSource({
    ...options,
    authType: config.authType as OAuthType,
    authUrl: config.authUrl ?? '',
    userName: config.userName,
    password: config.password,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
  });
  const headerValue = (token: string) => tokenHeader(config, token)[1];
  return {
    tokenSource: source,
    sendsNothing: false,
    header: async () => tokenHeader(config, await source.getToken()),
    async afterUnauthorized(sentValue) {
      const held = source.tokens?.accessToken;
      // The token that was refused: the one sent, when it is the one held (else a newer one is held).
      const refused = held !== undefined && sentValue === headerValue(held) ? held : '';
      return tokenHeader(config, await source.tokenRejected(refused));
    },
  };
}
