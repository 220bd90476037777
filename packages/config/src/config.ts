/** How a client proves who it is; the auth types of the Python clients. */
export const AUTH_TYPES = [
  'none',
  'token',
  'basic',
  'api-key',
  'login',
  'client-credentials',
  'device',
] as const;

/**
 * One auth type:
 * - `none`: no credentials;
 * - `token`: a static access token (`accessToken`);
 * - `basic`: HTTP Basic with `userName` and `password`;
 * - `api-key`: `apiKey` in the `apiKeyHeader` header;
 * - `login`: OAuth2 resource-owner password grant at `authUrl` (`userName`, `password`), refreshed;
 * - `client-credentials`: OAuth2 client credentials grant (`clientId`, `clientSecret`), for unattended jobs;
 * - `device`: OAuth2 device authorization grant (RFC 8628, `clientId`), for terminals without a stored password.
 */
export type AuthType = (typeof AUTH_TYPES)[number];

/**
 * The configuration values a client needs to talk to an S2GOS server.
 *
 * Flat, as the Python clients keep it (snake_case in files, camelCase here). Secrets (`password`,
 * `clientSecret`, `accessToken`, `apiKey`) are never printed: use `redactConfig` of `@s2gos/config`
 * (a link would not resolve where the packages that re-export this type do not export it).
 */
export interface ClientConfig {
  /** Base URL of the S2GOS server API, an `http:` or `https:` URL. */
  serverUrl?: string;
  /** How to authenticate. Without it, `accessToken` means `token`, `apiKey` means `api-key`, nothing means `none`. */
  authType?: AuthType;
  /**
   * OAuth2 token endpoint (`login`, `client-credentials`), or the issuer URL from which the token and
   * device-authorization endpoints are discovered through `/.well-known/openid-configuration`.
   */
  authUrl?: string;
  /** Name of the registered S2GOS user (`basic`, `login`). */
  userName?: string;
  /** Password of the user (`basic`, `login`). Secret. */
  password?: string;
  /** OAuth2 client ID (`client-credentials`, `device`; optional for `login`). */
  clientId?: string;
  /** OAuth2 client secret (`client-credentials`; optional for `login` and `device`). Secret. */
  clientSecret?: string;
  /** Private API access token (`token`). Secret. */
  accessToken?: string;
  /** Send tokens as `Authorization: Bearer <token>` (default `true`); `false` sends them in `tokenHeader`. */
  useBearer?: boolean;
  /** The header carrying the token when `useBearer` is `false`; default {@link DEFAULT_TOKEN_HEADER}. */
  tokenHeader?: string;
  /** API key (`api-key`). Secret. */
  apiKey?: string;
  /** The header carrying the API key; default {@link DEFAULT_API_KEY_HEADER}. */
  apiKeyHeader?: string;
}

/** A {@link ClientConfig} after resolution: the server URL and the auth type are always known. */
export type ResolvedConfig = ClientConfig & {
  /** Base URL of the S2GOS server API, from the first source that gives one, else the default. */
  serverUrl: string;
  /** How to authenticate, given or implied by the credentials present. */
  authType: AuthType;
};

/** The server URL used when no argument, environment variable or config file names one. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8008';

/** The header carrying the token when `useBearer` is `false`. */
export const DEFAULT_TOKEN_HEADER = 'X-Auth-Token';

/** The header carrying the API key when `apiKeyHeader` is not set. */
export const DEFAULT_API_KEY_HEADER = 'X-API-Key';

/** The keys of {@link ClientConfig}, in the order they are resolved, checked and written. */
export const CONFIG_KEYS = [
  'serverUrl',
  'authType',
  'authUrl',
  'userName',
  'password',
  'clientId',
  'clientSecret',
  'accessToken',
  'useBearer',
  'tokenHeader',
  'apiKey',
  'apiKeyHeader',
] as const satisfies readonly (keyof ClientConfig)[];

/** One key of {@link ClientConfig}. */
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** The keys holding secrets: redacted wherever a configuration is shown. */
export const SECRET_KEYS = [
  'password',
  'clientSecret',
  'accessToken',
  'apiKey',
] as const satisfies readonly ConfigKey[];

/**
 * The snake_case key of each field in config files, as written. The seed's names where it has one
 * (`server_url`, `user_name`, `access_token`).
 */
export const FILE_KEYS = {
  serverUrl: 'server_url',
  authType: 'auth_type',
  authUrl: 'auth_url',
  userName: 'user_name',
  password: 'password',
  clientId: 'client_id',
  clientSecret: 'client_secret',
  accessToken: 'access_token',
  useBearer: 'use_bearer',
  tokenHeader: 'token_header',
  apiKey: 'api_key',
  apiKeyHeader: 'api_key_header',
} as const satisfies Record<ConfigKey, string>;

/** The Python client's (`~/.s2gos-client`) names for the keys it spells differently; read in either file. */
export const FILE_KEY_ALIASES = {
  serverUrl: 'api_url',
  userName: 'username',
  accessToken: 'token',
} as const satisfies Partial<Record<ConfigKey, string>>;

/** The environment variable of each field: `S2GOS_` plus the file key in upper case. */
export const ENV_VARS = Object.fromEntries(
  CONFIG_KEYS.map((key) => [key, `S2GOS_${FILE_KEYS[key].toUpperCase()}`]),
) as { readonly [K in ConfigKey]: `S2GOS_${Uppercase<(typeof FILE_KEYS)[K]>}` };

/** The Python client's environment variables, read when the primary one is not set. */
export const ENV_VAR_ALIASES = {
  serverUrl: 'S2GOS_API_URL',
  userName: 'S2GOS_USERNAME',
  accessToken: 'S2GOS_TOKEN',
} as const satisfies Partial<Record<ConfigKey, string>>;

/** The keys that authenticate: they belong to the server they were configured for. */
export const CREDENTIAL_KEYS = CONFIG_KEYS.filter((key) => key !== 'serverUrl');
