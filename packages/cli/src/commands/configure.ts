import {
  type ClientConfig,
  DEFAULT_SERVER_URL,
  readConfigFile,
  redactConfig,
  writeConfigFile,
} from '@s2gos/config/node';
import type { Command } from 'commander';
import { InterruptedError, UsageError } from '../errors.js';
import { addGlobalOptions } from '../options.js';
import { askSecret, askText, isPromptCancelled } from '../prompts.js';
import type { Runtime } from '../runtime.js';
import { isHttpUrl } from '../values.js';

interface ConfigureOptions {
  user?: string;
  token?: string;
  show?: boolean;
}

/** `configure` [c]: writes the configuration file, or shows the effective configuration. */
export function registerConfigureCommand(program: Command, rt: Runtime): void {
  const command = program
    .command('configure')
    .alias('c')
    .description('write the configuration file: server URL, user name, access token')
    .option('-s, --server <url>', 'server URL to store')
    .option('-u, --user <name>', 'user name to store')
    .option('-t, --token <token>', 'access token to store (omit it to be asked, hidden)')
    .option('--show', 'print the effective configuration, token redacted, and write nothing');
  addGlobalOptions(command, 'none')
    .addHelpText(
      'after',
      `
On a terminal you are asked for what you did not give; the token is not shown while typed.
Only the values given are changed; other values in the file are kept; an empty value ('')
removes a key.

Examples:
  $ s2gos configure
  $ s2gos configure -s https://s2gos.example.org/api -u alice -t "$S2GOS_TOKEN"
  $ s2gos configure --show`,
    )
    .action(async (_options: unknown, cmd: Command) => {
      const options = rt.options<ConfigureOptions>(cmd);
      if (options.show) {
        rt.print(cmd, redactConfig(rt.resolveConfig(cmd)));
        return;
      }
      const homeDir = rt.homeDir;
      const given: ClientConfig = dropUndefined({
        serverUrl: options.server,
        userName: options.user,
        accessToken: options.token,
      });
      if (given.accessToken) rt.addSecret(given.accessToken);
      const asked = rt.io.stdin.isTTY
        ? await askForMissing(rt, given, readConfigFile(options.config, { homeDir }))
        : {};
      const updates = { ...given, ...asked };
      if (Object.keys(updates).length === 0) {
        throw new UsageError(
          'nothing to configure: give --server, --user or --token (or run it in a terminal to be asked)',
        );
      }
      // writeConfigFile validates (ConfigError) and merges: keys left out stay, '' removes a key.
      const path = writeConfigFile(updates, options.config, { homeDir });
      rt.say(`Configuration written to ${path}`);
    });
}

async function askForMissing(
  rt: Runtime,
  given: ClientConfig,
  current: ClientConfig,
): Promise<ClientConfig> {
  const io = { input: rt.io.stdin, output: rt.io.stderr };
  const answers: ClientConfig = {};
  try {
    if (given.serverUrl === undefined) {
      answers.serverUrl = await askText(io, 'Server URL', {
        fallback: current.serverUrl ?? DEFAULT_SERVER_URL,
        validate: (value) => isHttpUrl(value) || 'Enter an http(s) URL',
      });
    }
    if (given.userName === undefined) {
      const userName = await askText(io, 'User name (optional)', { fallback: current.userName });
      if (userName) answers.userName = userName;
    }
    if (given.accessToken === undefined) {
      const keep = current.accessToken ? ' (empty keeps the current one)' : ' (optional)';
      const token = await askSecret(io, `Access token${keep}`);
      if (token) {
        rt.addSecret(token);
        answers.accessToken = token;
      }
    }
  } catch (error) {
    if (!isPromptCancelled(error)) throw error;
    rt.note('Cancelled; the configuration file is unchanged.');
    throw new InterruptedError('cancelled');
  }
  return answers;
}

function dropUndefined(config: ClientConfig): ClientConfig {
  return Object.fromEntries(
    Object.entries(config).filter(([, value]) => value !== undefined),
  ) as ClientConfig;
}
