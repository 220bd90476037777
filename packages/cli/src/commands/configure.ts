import {
  AUTH_TYPES,
  type AuthType,
  type ClientConfig,
  type ConfigKey,
  DEFAULT_API_KEY_HEADER,
  DEFAULT_SERVER_URL,
  ENV_VAR_ALIASES,
  ENV_VARS,
  loadConfigFile,
  redactConfig,
  resolveConfig,
  SECRET_KEYS,
  toFileKeys,
  writeConfigFile,
} from '@s2gos/config/node';
import type { Command } from 'commander';
import { signIn, signsIn } from '../auth.js';
import { InterruptedError, UsageError } from '../errors.js';
import { readAll } from '../io.js';
import { addGlobalOptions } from '../options.js';
import { askSecret, askText, isPromptCancelled } from '../prompts.js';
import type { Runtime } from '../runtime.js';
import { isHttpUrl } from '../values.js';

interface ConfigureOptions {
  server?: string;
  authType?: string;
  user?: string;
  token?: string;
  authUrl?: string;
  clientId?: string;
  clientSecret?: string;
  apiKey?: string;
  apiKeyHeader?: string;
  tokenHeader?: string;
  bearer?: boolean;
  passwordStdin?: boolean;
  show?: boolean;
}

/** One question of `configure`. */
interface Field {
  key: ConfigKey;
  label: string;
  optional?: boolean;
}

/** What each auth type asks for, in order. */
const FIELDS: Readonly<Record<AuthType, readonly Field[]>> = {
  none: [],
  token: [{ key: 'accessToken', label: 'Access token' }],
  basic: [
    { key: 'userName', label: 'User name' },
    { key: 'password', label: 'Password' },
  ],
  'api-key': [
    { key: 'apiKey', label: 'API key' },
    { key: 'apiKeyHeader', label: `API key header`, optional: true },
  ],
  login: [
    { key: 'authUrl', label: 'Token endpoint or issuer URL' },
    { key: 'userName', label: 'User name' },
    { key: 'password', label: 'Password' },
    { key: 'clientId', label: 'Client ID', optional: true },
    { key: 'clientSecret', label: 'Client secret', optional: true },
  ],
  'client-credentials': [
    { key: 'authUrl', label: 'Token endpoint or issuer URL' },
    { key: 'clientId', label: 'Client ID' },
    { key: 'clientSecret', label: 'Client secret' },
  ],
  device: [
    { key: 'authUrl', label: 'Issuer URL' },
    { key: 'clientId', label: 'Client ID' },
  ],
};

const SECRETS: readonly ConfigKey[] = SECRET_KEYS;

/** `configure` [c]: writes the configuration file, or shows the effective configuration. */
export function registerConfigureCommand(program: Command, rt: Runtime): void {
  const command = program
    .command('configure')
    .alias('c')
    .description('write the configuration file: server URL and how to sign in')
    .option('-s, --server <url>', 'server URL to store')
    .option('-a, --auth-type <type>', `how to authenticate: ${AUTH_TYPES.join(', ')}`)
    .option('-u, --user <name>', 'user name to store (basic, login)')
    .option('-t, --token <token>', 'access token to store (token; omit it to be asked, hidden)')
    .option('--auth-url <url>', 'token endpoint or issuer URL (login, client-credentials, device)')
    .option('--client-id <id>', 'OAuth2 client ID')
    .option('--client-secret <secret>', 'OAuth2 client secret (omit it to be asked, hidden)')
    .option('--api-key <key>', 'API key (api-key; omit it to be asked, hidden)')
    .option('--api-key-header <name>', `header of the API key (default: ${DEFAULT_API_KEY_HEADER})`)
    .option(
      '--token-header <name>',
      'header of the token when not sent as Bearer (default: X-Auth-Token)',
    )
    .option('--bearer', 'send tokens as "Authorization: Bearer <token>" (the default)')
    .option('--no-bearer', 'send tokens in the --token-header header instead')
    .option('--password-stdin', 'read the password from stdin (never give it on the command line)')
    .option('--show', 'print the effective configuration, secrets redacted, and write nothing');
  addGlobalOptions(command, 'none')
    .addHelpText(
      'after',
      `
On a terminal you are asked for the auth type and then only for what it needs; secrets are not
shown while typed, current values (or S2GOS_* variables) are the defaults. For login,
client-credentials and device, configure signs in once to prove the settings and writes nothing
when that fails. Only the values given are changed; an empty value ('') removes a key.

Examples:
  $ s2gos configure
  $ s2gos configure -s https://s2gos.example.org/api -a token -t "$S2GOS_TOKEN"
  $ printf '%s\\n' "$PASSWORD" | s2gos configure -s https://s2gos.example.org/api -a login \\
      --auth-url https://sso.example.org/realms/s2gos -u alice --client-id s2gos --password-stdin
  $ s2gos configure --show`,
    )
    .action(async (_options: unknown, cmd: Command) => {
      const options = rt.options<ConfigureOptions>(cmd);
      if (options.show) {
        rt.print(cmd, toFileKeys(redactConfig(rt.resolveConfig(cmd))));
        return;
      }
      const homeDir = rt.homeDir;
      const given = await givenValues(rt, options);
      const current = loadConfigFile(options.config, { homeDir }).config;
      const asked =
        rt.io.stdin.isTTY && !options.passwordStdin ? await askForMissing(rt, given, current) : {};
      const updates = { ...given, ...asked };
      if (Object.keys(updates).length === 0) {
        throw new UsageError(
          'nothing to configure: give --server, --user or --token (or --auth-type and what it needs; or run it in a terminal to be asked)',
        );
      }
      const effective = resolveConfig({ config: merge(current, updates) });
      // Proves the settings before they are written: a failure throws and nothing is written.
      if (signsIn(effective)) {
        await signIn(rt, effective);
        rt.note(`Signed in at ${effective.authUrl}`);
      }
      // writeConfigFile validates (ConfigError) and merges: keys left out stay, '' removes a key.
      const path = writeConfigFile(updates, options.config, { homeDir });
      rt.say(`Configuration written to ${path}`);
    });
}

async function givenValues(rt: Runtime, options: ConfigureOptions): Promise<ClientConfig> {
  if (
    options.authType !== undefined &&
    !(AUTH_TYPES as readonly string[]).includes(options.authType)
  ) {
    throw new UsageError(
      `--auth-type must be one of ${AUTH_TYPES.join(', ')}, got '${options.authType}'`,
    );
  }
  const given: Record<string, unknown> = {
    serverUrl: options.server,
    authType: options.authType,
    userName: options.user,
    accessToken: options.token,
    authUrl: options.authUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    apiKey: options.apiKey,
    apiKeyHeader: options.apiKeyHeader,
    tokenHeader: options.tokenHeader,
    useBearer: options.bearer,
  };
  if (options.passwordStdin) {
    const [line = ''] = (await readAll(rt.io.stdin)).split(/\r?\n/);
    if (line === '') throw new UsageError('--password-stdin: stdin holds no password');
    given.password = line;
  }
  for (const key of SECRETS) {
    const secret = given[key];
    if (typeof secret === 'string') rt.addSecret(secret);
  }
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

// The file's values with the updates applied ('' removes), as the file will read afterwards.
function merge(current: ClientConfig, updates: ClientConfig): ClientConfig {
  const merged: Record<string, unknown> = { ...current, ...updates };
  for (const [key, value] of Object.entries(merged)) if (value === '') delete merged[key];
  return merged as ClientConfig;
}

async function askForMissing(
  rt: Runtime,
  given: ClientConfig,
  current: ClientConfig,
): Promise<ClientConfig> {
  const io = { input: rt.io.stdin, output: rt.io.stderr };
  const env = (key: ConfigKey): string | undefined => {
    const alias: string | undefined = ENV_VAR_ALIASES[key as keyof typeof ENV_VAR_ALIASES];
    return rt.io.env[ENV_VARS[key]] || (alias ? rt.io.env[alias] : undefined) || undefined;
  };
  const known = (key: ConfigKey): string | undefined => {
    const value = env(key) ?? current[key];
    return typeof value === 'string' ? value : undefined;
  };
  const answers: Record<string, string> = {};
  try {
    if (given.serverUrl === undefined) {
      answers.serverUrl = await askText(io, 'Server URL', {
        fallback: known('serverUrl') ?? DEFAULT_SERVER_URL,
        validate: (value) => isHttpUrl(value) || 'Enter an http(s) URL',
      });
    }
    let authType = given.authType;
    if (authType === undefined) {
      const fallback = known('authType') ?? (known('accessToken') ? 'token' : 'none');
      authType = (await askText(io, `Auth type (${AUTH_TYPES.join(', ')})`, {
        fallback,
        validate: (value) =>
          (AUTH_TYPES as readonly string[]).includes(value) ||
          `Enter one of ${AUTH_TYPES.join(', ')}`,
      })) as AuthType;
      answers.authType = authType;
    }
    for (const field of FIELDS[authType]) {
      if (given[field.key] !== undefined) continue;
      const answer = SECRETS.includes(field.key)
        ? await askSecretField(rt, io, field, env(field.key), current[field.key] !== undefined)
        : await askText(io, field.optional ? `${field.label} (optional)` : field.label, {
            fallback: known(field.key),
            validate: (value) =>
              field.optional || value.trim() !== '' || `${field.label} is needed`,
          });
      if (answer) answers[field.key] = answer;
    }
  } catch (error) {
    if (!isPromptCancelled(error)) throw error;
    rt.note('Cancelled; the configuration file is unchanged.');
    throw new InterruptedError('cancelled');
  }
  return answers as ClientConfig;
}

// Empty keeps the current secret, or takes the environment's; a required one with neither is asked again.
async function askSecretField(
  rt: Runtime,
  io: Parameters<typeof askSecret>[0],
  field: Field,
  fromEnv: string | undefined,
  hasCurrent: boolean,
): Promise<string | undefined> {
  const hint = fromEnv
    ? ` (empty takes $${ENV_VARS[field.key]})`
    : hasCurrent
      ? ' (empty keeps the current one)'
      : field.optional
        ? ' (optional)'
        : '';
  for (;;) {
    const secret = (await askSecret(io, `${field.label}${hint}`)) || fromEnv;
    if (secret) {
      rt.addSecret(secret);
      return secret;
    }
    if (hasCurrent || field.optional) return undefined;
  }
}
