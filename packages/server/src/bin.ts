import { createRequire } from 'node:module';
import { parseCommandLine, USAGE, UsageError } from './cli.js';
import type { StaticFiles } from './options.js';
import { startServer } from './server.js';

/** `s2gos-server`: starts the server, prints its URL, stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let command: ReturnType<typeof parseCommandLine>;
  try {
    command = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`s2gos-server: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command.kind === 'version') {
    const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
    process.stdout.write(`${version}\n`);
    return;
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const appFiles = command.app ? await loadApp() : undefined;
  const server = await startServer({
    ...command.options,
    log: command.quiet ? false : log,
    ...(appFiles ? { appFiles } : {}),
  });
  const { token, oidcIssuer } = command.options;
  const auth = oidcIssuer
    ? ` (tokens of ${oidcIssuer} required)`
    : token
      ? ' (access token required)'
      : '';
  process.stdout.write(`s2gos-server listening on ${server.url}${auth}\n`);
  if (appFiles) process.stdout.write(`The web app is at ${server.url}/app/\n`);

  const stop = (signal: NodeJS.Signals) => {
    // A second signal while closing means "now".
    process.once(signal, () => process.exit(130));
    log(`Received ${signal}, shutting down`);
    server.close().then(
      () => log('Server closed'),
      (error: unknown) => {
        log(`Error while closing: ${String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The built web app; `@s2gos/app` is an optional dependency, needed for `--app` only. */
async function loadApp(): Promise<StaticFiles> {
  let app: typeof import('@s2gos/app');
  try {
    app = await import('@s2gos/app');
  } catch {
    throw new Error('--app needs the package @s2gos/app: install it beside @s2gos/server.');
  }
  // The API is this server, one level above /app/; the app asks for a token when it needs one.
  return app.loadAppFiles({ config: { serverUrl: '../', forwarded: false } });
}

main().catch((error: unknown) => {
  process.stderr.write(`s2gos-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
