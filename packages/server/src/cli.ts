import { parseArgs } from 'node:util';
import {
  type AppOptions,
  DEFAULT_HOST,
  DEFAULT_LIMITS,
  DEFAULT_PORT,
  type ServerOptions,
} from './options.js';

/** A numeric option of the command line: its flag, the app option it sets and how. */
interface NumericFlag {
  readonly flag: string;
  readonly value: string;
  readonly help: string;
  readonly min: number;
  /** Sets the option from the number given. */
  readonly apply: (n: number) => Partial<AppOptions>;
}

const MIB = 1024 * 1024;

/** The bounds of the job store and the process pool, one flag each. */
const NUMERIC_FLAGS: readonly NumericFlag[] = [
  {
    flag: 'workers',
    value: '<n>',
    help: `processes running at once, one worker thread each (default: ${DEFAULT_LIMITS.workers})`,
    min: 1,
    apply: (workers) => ({ workers }),
  },
  {
    flag: 'max-queued',
    value: '<n>',
    help: `jobs waiting for a worker before new ones get 503 (default: ${DEFAULT_LIMITS.maxQueued})`,
    min: 0,
    apply: (maxQueued) => ({ maxQueued }),
  },
  {
    flag: 'max-jobs',
    value: '<n>',
    help: `jobs kept in any state (default: ${DEFAULT_LIMITS.maxJobs})`,
    min: 1,
    apply: (maxJobs) => ({ maxJobs }),
  },
  {
    flag: 'max-stored-mb',
    value: '<MiB>',
    help: `MiB kept for inputs, results and files of all jobs (default: ${DEFAULT_LIMITS.maxStoredBytes / MIB})`,
    min: 1,
    apply: (mib) => ({ maxStoredBytes: mib * MIB }),
  },
  {
    flag: 'retention',
    value: '<seconds>',
    help: `how long finished jobs are kept (default: ${DEFAULT_LIMITS.retention / 1000})`,
    min: 1,
    apply: (seconds) => ({ retention: seconds * 1000 }),
  },
  {
    flag: 'max-jobs-per-client',
    value: '<n>',
    help: 'unfinished jobs per client address before new ones get 429 (default: no limit)',
    min: 1,
    apply: (maxJobsPerClient) => ({ maxJobsPerClient }),
  },
];

const column = (text: string) => text.padEnd(31);

/** The help text of `s2gos-server`. */
export const USAGE = `Usage: s2gos-server [options]

Starts a local OGC API - Processes server with demo processes.

Options:
  ${column('--host <host>')}host name or address to listen on (default: ${DEFAULT_HOST})
  ${column('--port <port>')}port to listen on, 0 for a free one (default: ${DEFAULT_PORT})
  ${column('--token <token>')}require "Authorization: Bearer <token>" (default: $S2GOS_SERVER_TOKEN)
  ${column('--oidc-issuer <url>')}also accept bearer JWTs signed by this OpenID Connect issuer
  ${column('')}(default: $S2GOS_SERVER_OIDC_ISSUER)
  ${column('--audience <aud>')}the audience those JWTs must name (default: $S2GOS_SERVER_AUDIENCE)
${NUMERIC_FLAGS.map(({ flag, value, help }) => `  ${column(`--${flag} ${value}`)}${help}\n`).join('')}  ${column('--debug')}add tracebacks to errors of failed jobs
  ${column('--app')}also serve the web app (@s2gos/app) at /app/
  ${column('--quiet')}do not log requests
  ${column('-h, --help')}show this help
  ${column('-v, --version')}show the version
`;

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'serve';
      readonly options: ServerOptions;
      readonly quiet: boolean;
      /** `--app`: serve the web app at `/app/` too. */
      readonly app?: true;
    };

/** A command-line mistake; `s2gos-server` prints it with the usage and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Parses the arguments of `s2gos-server` with `node:util` `parseArgs`. The token comes from
 * `--token`, else from `S2GOS_SERVER_TOKEN`.
 *
 * @throws UsageError for unknown options, missing values, a bad port or a bad number
 */
export function parseCommandLine(
  args: readonly string[],
  env: Record<string, string | undefined>,
): CliCommand {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(args));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const port = values.port === undefined ? DEFAULT_PORT : parsePort(values.port);
  const token = values.token ?? env.S2GOS_SERVER_TOKEN;
  const oidcIssuer = values['oidc-issuer'] ?? env.S2GOS_SERVER_OIDC_ISSUER;
  const audience = values.audience ?? env.S2GOS_SERVER_AUDIENCE;
  if (oidcIssuer && !/^https?:\/\//.test(oidcIssuer)) {
    throw new UsageError(`--oidc-issuer must be an http(s) URL, got '${oidcIssuer}'.`);
  }
  const options: ServerOptions = {
    host: values.host ?? DEFAULT_HOST,
    port,
    debug: values.debug ?? false,
    ...(token ? { token } : {}),
    ...(oidcIssuer ? { oidcIssuer } : {}),
    ...(audience ? { audience } : {}),
  };
  for (const numeric of NUMERIC_FLAGS) {
    const text = values[numeric.flag as keyof typeof values];
    if (typeof text === 'string') Object.assign(options, numeric.apply(parseNumber(numeric, text)));
  }
  return {
    kind: 'serve',
    options,
    quiet: values.quiet ?? false,
    ...(values.app ? { app: true as const } : {}),
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      ...Object.fromEntries(NUMERIC_FLAGS.map(({ flag }) => [flag, { type: 'string' as const }])),
      'oidc-issuer': { type: 'string' },
      audience: { type: 'string' },
      debug: { type: 'boolean' },
      app: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got '${text}'.`);
  }
  return port;
}

function parseNumber({ flag, min }: NumericFlag, text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= min)) {
    throw new UsageError(`--${flag} must be an integer of at least ${min}, got '${text}'.`);
  }
  return n;
}
