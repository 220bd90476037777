/**
 * What the page serving the app tells it, as JSON at {@link APP_CONFIG_PATH} next to
 * `index.html`. Without it (a plain static host) the app asks for the server URL and a token.
 */
export interface AppConfig {
  /** The API's URL, relative to the app's own URL (e.g. `./api/` or `../`) or absolute. */
  serverUrl: string;
  /**
   * Whether a local forwarder adds the credentials (`s2gos app`): the app then never asks for a
   * token. Otherwise the app asks for one when the server answers 401.
   */
  forwarded: boolean;
  /** The service the forwarder talks to, shown to the user (no credentials in it). */
  service?: string;
}

/** The path of the {@link AppConfig} document below where the app is mounted. */
export const APP_CONFIG_PATH = '/s2gos-app.json';
