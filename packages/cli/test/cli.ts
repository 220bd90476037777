/**
 * Runs the built `s2gos` binary as a child process, with a temporary HOME so that the real
 * `~/.s2gos/config` is never read, and records every output for the "no token anywhere" check.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** What a run of the binary produced. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of one run. */
export interface RunOptions {
  /** Text for stdin (closed right after). */
  input?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Called with the child once it runs, e.g. to send it a signal. */
  onSpawn?: (child: ReturnType<typeof spawn>, output: { stderr: () => string }) => void;
}

/** Every output of every run in this test file, for {@link allOutput}. */
const outputs: string[] = [];

/** A temporary home directory, removed by {@link removeHome}. */
export function makeHome(): string {
  return mkdtempSync(join(tmpdir(), 's2gos-cli-test-'));
}

/** Writes `members` as the configuration file of `home` (`~/.s2gos/config`, mode 0600). */
export function writeConfig(home: string, members: Record<string, string>): void {
  mkdirSync(join(home, '.s2gos'), { recursive: true });
  const text = Object.entries(members)
    .map(([key, value]) => `${key}: ${value}\n`)
    .join('');
  writeFileSync(join(home, '.s2gos', 'config'), text, { mode: 0o600 });
}

/** Removes a directory made by {@link makeHome}. */
export function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true });
}

/** Runs `s2gos ...args` with HOME=`home`, NO_COLOR=1 and no inherited S2GOS_* variables. */
export function s2gos(home: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // A hanging CLI fails the test instead of the whole run.
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      outputs.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    options.onSpawn?.(child, { stderr: () => stderr });
  });
}

/** Everything the binary printed so far in this test file. */
export function allOutput(): string {
  return outputs.join('\n');
}

/** A local port with nothing listening on it (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
