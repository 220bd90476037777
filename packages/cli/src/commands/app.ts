import { AppNotBuiltError, loadAppFiles } from '@s2gos/app';
import { AsyncClient } from '@s2gos/async';
import { createCredentials } from '@s2gos/async/internal';
import { type Command, InvalidArgumentError } from 'commander';
import { credentialsHeader, forwardedAppConfig, startAppServer } from '../app-server.js';
import { commandCredentials } from '../auth.js';
import { UsageError } from '../errors.js';
import { openBrowser } from '../open-browser.js';
import { addGlobalOptions } from '../options.js';
import type { Runtime } from '../runtime.js';

interface AppOptions {
  port?: number;
  open?: boolean;
}

/** `s2gos app`: serves the web app on 127.0.0.1, forwarding its calls to the configured service. */
export function registerAppCommand(program: Command, rt: Runtime): void {
  addGlobalOptions(
    program
      .command('app')
      .description('open the web app: browse processes, fill forms, run and watch jobs')
      .option('--port <port>', 'port on 127.0.0.1 (default: a free port)', port)
      .option('--no-open', 'do not open a browser; just print the URL'),
  )
    .addHelpText(
      'after',
      `
The app runs in your browser; its calls go through a local server on 127.0.0.1 that adds the
configured credentials, so no password or token reaches the browser. The printed URL carries a
secret for this session only: open it in your own browser, do not share it. Ctrl-C stops it.

Examples:
  $ s2gos app
  $ s2gos app --no-open --port 8123
  $ s2gos --server http://127.0.0.1:8008 app`,
    )
    .action(async (_options: unknown, cmd: Command) => {
      const options = rt.options<AppOptions>(cmd);
      // The client resolves and checks the configuration as every command does; the forwarder
      // sends its credentials.
      const config = rt.resolveConfig(cmd);
      const signIn = commandCredentials(rt, config);
      const client = new AsyncClient({ config, ...signIn });
      const { serverUrl } = client.config;
      let files: Awaited<ReturnType<typeof loadAppFiles>>;
      try {
        files = await loadAppFiles({ config: forwardedAppConfig(serverUrl) });
      } catch (error) {
        if (error instanceof AppNotBuiltError) throw new UsageError(error.message);
        throw error;
      }
      const server = await startAppServer({
        serviceUrl: serverUrl,
        authorize: credentialsHeader(createCredentials(client.config, signIn)),
        files,
        port: options.port ?? 0,
      }).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(
          `cannot listen on 127.0.0.1:${options.port}: ${error.code ?? error.message}`,
        );
      });
      rt.say(server.url);
      rt.note(`Serving the S2GOS app for ${serverUrl} at ${server.origin}; press Ctrl-C to stop.`);
      let cleanup = () => {};
      if (options.open !== false) {
        const browser = await openBrowser(server.url);
        cleanup = browser.cleanup;
        if (!browser.opened) rt.note('No browser could be started: open the URL above.');
      }
      // A quick look at the service, so a wrong URL or token shows here too, not only in the app.
      client.getCapabilities().catch((error: Error) => {
        rt.note(`Warning: the service does not answer as expected: ${error.message}`);
      });
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      cleanup();
      await Promise.all([server.close(), client.close()]);
    });
}

function port(text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= 65535)) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  }
  return value;
}
