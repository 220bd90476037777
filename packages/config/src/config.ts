/**
 * The configuration values a client needs to talk to an S2GOS server.
 *
 * The same three values the Python `s2gos_client` keeps in its `ClientConfig`
 * (`server_url`, `user_name`, `access_token`), in camelCase.
 */
export interface ClientConfig {
  /** Base URL of the S2GOS server API, an `http:` or `https:` URL. */
  serverUrl?: string;
  /** Name of the registered S2GOS user. */
  userName?: string;
  /** Private API access token. Never print it; use `redactConfig` (or `redactToken`). */
  accessToken?: string;
}

/** A {@link ClientConfig} after resolution: the server URL is always known. */
export type ResolvedConfig = ClientConfig & {
  /** Base URL of the S2GOS server API, from the first source that gives one, else the default. */
  serverUrl: string;
};

/** The server URL used when no argument, environment variable or config file names one. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8008';

/** The keys of {@link ClientConfig}, in the order they are resolved, checked and written. */
export const CONFIG_KEYS = [
  'serverUrl',
  'userName',
  'accessToken',
] as const satisfies readonly (keyof ClientConfig)[];

/** One key of {@link ClientConfig}. */
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** The environment variables read by `resolveConfig`, one per key. */
export const ENV_VARS = {
  serverUrl: 'S2GOS_SERVER_URL',
  userName: 'S2GOS_USER_NAME',
  accessToken: 'S2GOS_ACCESS_TOKEN',
} as const satisfies Record<ConfigKey, string>;
