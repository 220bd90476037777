import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, type ServerOptions } from './options.js';

/** The help text of `s2gos-server`. */
export const USAGE = `Usage: s2gos-server [options]

Starts a local OGC API - Processes server with demo processes.

Options:
  --host <host>    host name or address to listen on (default: ${DEFAULT_HOST})
  --port <port>    port to listen on, 0 for a free one (default: ${DEFAULT_PORT})
  --token <token>  require "Authorization: Bearer <token>" (default: $S2GOS_SERVER_TOKEN)
  --oidc-issuer <url>  also accept bearer JWTs signed by this OpenID Connect issuer
                   (default: $S2GOS_SERVER_OIDC_ISSUER)
  --audience <aud> the audience those JWTs must name (default: $S2GOS_SERVER_AUDIENCE)
  --debug          add tracebacks to errors of failed jobs
  --quiet          do not log requests
  -h, --help       show this help
  -v, --version    show the version
`;

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'serve'; readonly options: ServerOptions; readonly quiet: boolean };

/** A command-line mistake; `s2gos-server` prints it with the usage and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Parses the arguments of `s2gos-server` with `node:util` `parseArgs`. The token comes from
 * `--token`, else from `S2GOS_SERVER_TOKEN`.
 *
 * @throws UsageError for unknown options, missing values or a bad port
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
  return { kind: 'serve', options, quiet: values.quiet ?? false };
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
      'oidc-issuer': { type: 'string' },
      audience: { type: 'string' },
      debug: { type: 'boolean' },
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
