import type { ConfigKey } from './config.js';

/**
 * Something about the configuration the user should hear about, though it is no error. Libraries
 * stay quiet: `resolveConfig` hands warnings to its `onWarning` option; the CLI prints them on stderr.
 */
export type ConfigWarning =
  | {
      /** The config file's credentials were not used: the server URL came from elsewhere and has another origin. */
      readonly kind: 'credentials-dropped';
      /** One line for people, naming both servers and the keys left out; never a value of them. */
      readonly message: string;
      /** The server URL in use (from an argument or the environment). */
      readonly serverUrl: string;
      /** The server the file's credentials were configured for. */
      readonly fileServerUrl: string;
      /** The credential keys of the file that were left out. */
      readonly keys: readonly ConfigKey[];
    }
  | {
      /** The config file holds keys this package does not know (often a typo). */
      readonly kind: 'unknown-keys';
      /** One line for people, naming the file and the keys. */
      readonly message: string;
      /** Absolute path of the config file. */
      readonly file: string;
      /** The unknown keys, as spelled in the file. */
      readonly keys: readonly string[];
    };

/** Receives configuration warnings. */
export type ConfigWarningHandler = (warning: ConfigWarning) => void;
