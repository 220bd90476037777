/**
 * The local server and `s2gos app` as child processes, started from the sibling packages' built
 * binaries. They are not dependencies of this package: the CLI and the server depend on the app,
 * and the tests meet them over HTTP only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_BIN = fileURLToPath(new URL('../../../server/dist/bin.js', import.meta.url));
const CLI_BIN = fileURLToPath(new URL('../../../cli/dist/bin.js', import.meta.url));

/** A started child process and what it printed on its first stdout line. */
export interface Started {
  /** The first line of stdout. */
  line: string;
  /** Everything printed so far (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
}

/** `s2gos-server --port 0 --debug` (tracebacks on); resolves with its URL. */
export async function startDemoServer(extra: string[] = []): Promise<Started & { url: string }> {
  const started = await start(process.execPath, [
    SERVER_BIN,
    '--port',
    '0',
    '--debug',
    '--quiet',
    ...extra,
  ]);
  const url = /https?:\/\/\S+/.exec(started.line)?.[0];
  if (!url) throw new Error(`s2gos-server printed no URL: ${started.output()}`);
  return { ...started, url };
}

/** The local server with one more process, `all_widgets`, whose inputs need every widget. */
export async function startWidgetsServer(): Promise<Started & { url: string }> {
  const script = fileURLToPath(new URL('./widgets-server.mjs', import.meta.url));
  const started = await start(process.execPath, [script]);
  return { ...started, url: started.line.trim() };
}

/** `s2gos app --no-open` against `serverUrl`, with a private HOME; resolves with the session URL. */
export async function startAppCommand(
  serverUrl: string,
  env: Record<string, string> = {},
): Promise<Started & { url: string; origin: string }> {
  const home = mkdtempSync(join(tmpdir(), 's2gos-app-test-'));
  const started = await start(
    process.execPath,
    [CLI_BIN, 'app', '--no-open', '--server', serverUrl],
    { HOME: home, NO_COLOR: '1', ...env },
  );
  const url = started.line.trim();
  return {
    ...started,
    url,
    origin: new URL(url).origin,
    stop: async () => {
      await started.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function start(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args[0]} did not start in time: ${output}`));
    }, 60_000);
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve({ line: stdout.slice(0, end), output: () => output, stop });
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited with ${code}: ${output}`));
    });
  });
}
