#!/usr/bin/env node
// The main job (README: `npm run demo`, after a build `pnpm run demo:run`): starts @s2gos/server on
// a free port, runs a short client session with the built `s2gos` command against it, and stops the
// server. Exits non-zero when any step fails. Needs the packages built (`pnpm run build`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverEntry = join(root, 'packages/server/dist/index.js');
const cliBin = join(root, 'packages/cli/dist/bin.js');
const STEP_TIMEOUT_MS = 60_000;

for (const file of [serverEntry, cliBin]) {
  if (!existsSync(file)) {
    console.error(`demo: ${file} is missing; build first with 'pnpm run build'.`);
    process.exit(1);
  }
}

const { startServer } = await import(pathToFileURL(serverEntry).href);
const server = await startServer({ host: '127.0.0.1', port: 0 });
// The session talks to the local server only: a temporary HOME and no S2GOS_* variables keep
// the user's own configuration (and access token) out of it.
const home = mkdtempSync(join(tmpdir(), 's2gos-demo-'));
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('S2GOS_')),
);
env.HOME = home;

const session = [
  ['list-processes', '-f', 'table'],
  ['get-process', 'primes_between'],
  ['execute-process', 'primes_between', '-i', 'min_val=1', '-i', 'max_val=100', '--wait'],
  ['list-jobs', '-f', 'table'],
];

/** Runs `s2gos --server URL ...args` with the terminal as its stdio; resolves with its exit code. */
function s2gos(args) {
  const shown = ['s2gos', '--server', server.url, ...args]
    .map((arg) => (/[\s"'$]/.test(arg) ? `'${arg}'` : arg))
    .join(' ');
  console.log(`\n$ ${shown}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliBin, '--server', server.url, ...args], {
      env,
      stdio: 'inherit',
    });
    const timer = setTimeout(() => {
      console.error(`demo: no answer after ${STEP_TIMEOUT_MS / 1000} s, stopping the step`);
      child.kill('SIGKILL');
    }, STEP_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      console.error(`demo: cannot start s2gos: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

let failed = false;
try {
  console.log(`Started @s2gos/server at ${server.url}`);
  for (const args of session) {
    const code = await s2gos(args);
    if (code !== 0) {
      console.error(`demo: 's2gos ${args[0]}' failed with exit code ${code}`);
      failed = true;
      break;
    }
  }
} finally {
  await server.close();
  rmSync(home, { recursive: true, force: true });
  console.log(`\nStopped the server. ${failed ? 'The demo FAILED.' : 'Demo complete.'}`);
}
process.exitCode = failed ? 1 : 0;
