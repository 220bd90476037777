import {
  type ClientConfig,
  DEFAULT_API_KEY_HEADER,
  DEFAULT_TOKEN_HEADER,
  type ResolvedConfig,
} from '@s2gos/config';

/** One request header: name and value. The value is a secret. */
export type CredentialHeader = readonly [name: string, value: string];

/**
 * The header carrying an access token: `Authorization: Bearer <token>`, or `<tokenHeader>: <token>`
 * when `useBearer` is `false` (default header `X-Auth-Token`).
 */
export function tokenHeader(
  config: Pick<ClientConfig, 'useBearer' | 'tokenHeader'>,
  token: string,
): CredentialHeader {
  return config.useBearer === false
    ? [config.tokenHeader || DEFAULT_TOKEN_HEADER, token]
    : ['Authorization', `Bearer ${token}`];
}

/**
 * The header of the auth types that need no token endpoint: `token` ({@link tokenHeader}), `basic`
 * (`Authorization: Basic base64(user:password)`, UTF-8), `api-key` (`<apiKeyHeader>: <apiKey>`,
 * default header `X-API-Key`). `undefined` for `none` and for the OAuth2 types, whose header is
 * {@link tokenHeader} of their token source's token.
 */
export function staticCredentialHeader(config: ResolvedConfig): CredentialHeader | undefined {
  switch (config.authType) {
    case 'token':
      return config.accessToken ? tokenHeader(config, config.accessToken) : undefined;
    case 'basic':
      return [
        'Authorization',
        `Basic ${base64(`${config.userName ?? ''}:${config.password ?? ''}`)}`,
      ];
    case 'api-key':
      return config.apiKey
        ? [config.apiKeyHeader || DEFAULT_API_KEY_HEADER, config.apiKey]
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether `url` is on the origin of `serverUrl`: credentials go there and nowhere else (not after
 * a redirect, not to a `Location` elsewhere, not to a server URL overridden for one call).
 */
export function isSameOrigin(url: string | URL, serverUrl: string): boolean {
  return new URL(url).origin === new URL(serverUrl).origin;
}

// btoa takes Latin-1 only: encode UTF-8 first (RFC 7617 charset="UTF-8").
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
