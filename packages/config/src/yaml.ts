import type * as Yaml from 'yaml';
import { nodeRequire } from './node-require.js';

let yaml: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded on first use: it is the largest part of the Node entry (about 50 ms to
 * load), and most processes never parse a config file — there is none, or the configuration comes
 * from arguments (the sync client's worker thread, for one). Synchronous, as the file functions are.
 */
export function loadYaml(): typeof Yaml {
  yaml ??= nodeRequire('yaml') as typeof Yaml;
  return yaml;
}
