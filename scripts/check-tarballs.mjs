#!/usr/bin/env node
// The packages as a user gets them (README: `npm test`, after `pnpm pack:all`): installs the
// tarballs of `.packs/` with plain npm into an empty folder outside the repository and, from there,
// runs the `s2gos-server` and `s2gos` binaries, an ES module and a CommonJS script using each
// client against that server, and a strict `tsc` over TypeScript files (ESM and CommonJS) using
// the public types. Third-party dependencies come from the npm registry, as for a user.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packs = join(root, '.packs');
const STEP_TIMEOUT_MS = 120_000;

/** The workspace's publishable packages: every non-private `packages/<name>/package.json`. */
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')))
  .filter((manifest) => !manifest.private);
const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
const typescriptVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8'),
).version;

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

// npm and pnpm pass their settings to scripts as npm_* variables (a pnpm run's would point npm at
// the workspace); the install must see the user's plain npm, with the machine's registry and cache.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^(npm_|pnpm_|PNPM_|S2GOS_)/.test(name) && name !== 'INIT_CWD',
  ),
);
const dir = mkdtempSync(join(tmpdir(), 's2gos-tarballs-'));
env.HOME = mkdtempSync(join(tmpdir(), 's2gos-tarballs-home-'));
env.npm_config_cache = join(process.env.HOME ?? tmpdir(), '.npm');
const bin = (name) => join(dir, 'node_modules/.bin', name);

/** Runs a command in the test folder; returns its status and output. */
function run(command, args, { quiet = false, cwd = dir } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: STEP_TIMEOUT_MS,
  });
  if (!quiet && result.status !== 0) {
    console.error(`$ ${command} ${args.join(' ')}\n${result.stdout}${result.stderr}`);
  }
  return result;
}

const tarballs = packages.map((manifest) => {
  const file = `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;
  const listing = run('tar', ['-tzf', join(packs, file)], { quiet: true });
  check(listing.status === 0, `${file} exists (run 'pnpm pack:all' first)`);
  if (listing.status === 0) {
    const entries = listing.stdout.split('\n');
    check(entries.includes('package/LICENSE'), `${file} holds LICENSE`);
    const packed = JSON.parse(
      run('tar', ['-xOzf', join(packs, file), 'package/package.json'], { quiet: true }).stdout,
    );
    const ranges = Object.values({ ...packed.dependencies, ...packed.peerDependencies });
    check(!ranges.some((range) => range.startsWith('workspace:')), `${file}: no workspace: ranges`);
  }
  return join(packs, file);
});
if (failures > 0) process.exit(1);

let server;
try {
  console.log(`Installing ${tarballs.length} tarballs with npm into ${dir}`);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'tarball-user', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  const install = run('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
    ...tarballs,
    `typescript@${typescriptVersion}`,
    '@types/node@20',
  ]);
  check(install.status === 0, 'npm install of the tarballs (+ typescript, @types/node)');
  if (install.status !== 0) process.exit(1);

  const cliVersion = run(bin('s2gos'), ['--version']);
  check(cliVersion.stdout.trim() === version, `s2gos --version prints ${version}`);
  const serverVersion = run(bin('s2gos-server'), ['--version']);
  check(serverVersion.stdout.trim() === version, `s2gos-server --version prints ${version}`);

  server = spawn(bin('s2gos-server'), ['--port', '0', '--quiet'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('s2gos-server did not start in time')), 30_000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`s2gos-server exited with ${code}`)));
  });
  check(true, `s2gos-server started: ${url}`);

  const listed = run(bin('s2gos'), ['--server', url, 'list-processes', '-f', 'json']);
  check(
    listed.status === 0 && JSON.parse(listed.stdout).processes.some((p) => p.id === 'echo'),
    's2gos list-processes lists echo',
  );
  const executed = run(bin('s2gos'), [
    '--server',
    url,
    'execute-process',
    'primes_between',
    '-i',
    'min_val=1',
    '-i',
    'max_val=10',
    '--wait',
    '-f',
    'json',
  ]);
  check(
    executed.status === 0 && JSON.stringify(JSON.parse(executed.stdout)) === '{"primes":[2,3,5,7]}',
    's2gos execute-process primes_between --wait prints the primes up to 10',
  );

  // Each script prints one line per client; both must see the same results.
  const session = (importLines) => `${importLines}
const url = process.argv[2];
async function main() {
  const asyncClient = new AsyncClient({ serverUrl: url });
  const { results: asyncResults } = await asyncClient.executeAndWait('echo', { inputs: { value: 42 } });
  await asyncClient.close();
  console.log('async', JSON.stringify(asyncResults));
  const client = new Client({ serverUrl: url });
  const { results } = client.executeAndWait('echo', { inputs: { value: 42 } });
  try {
    client.getJob('no-such-job');
  } catch (error) {
    if (!(error instanceof ClientError) || error.apiError.status !== 404) throw error;
  }
  client.close();
  console.log('sync', JSON.stringify(results));
}
main().catch((error) => { console.error(error); process.exitCode = 1; });
`;
  writeFileSync(
    join(dir, 'session.mjs'),
    session(
      "import { AsyncClient } from '@s2gos/async';\nimport { Client, ClientError } from '@s2gos/sync';",
    ),
  );
  writeFileSync(
    join(dir, 'session.cjs'),
    session(
      "const { AsyncClient } = require('@s2gos/async');\nconst { Client, ClientError } = require('@s2gos/sync');",
    ),
  );
  for (const script of ['session.mjs', 'session.cjs']) {
    const result = run(process.execPath, [script, url]);
    const lines = result.stdout.trim().split('\n');
    check(
      result.status === 0 &&
        lines.length === 2 &&
        lines[0].startsWith('async ') &&
        lines[0].includes('42') &&
        lines[1] === lines[0].replace('async', 'sync'),
      `node ${script}: AsyncClient and Client run a job`,
    );
  }

  // The public types, under the strictest settings, as ESM (.mts) and CommonJS (.cts) see them.
  const types = `import { AsyncClient, ClientError, type JobInfo, type ProcessRequest } from '@s2gos/async';
import { Client, type ClientOptions } from '@s2gos/sync';
import { resolveConfig, type ClientConfig, ConfigError } from '@s2gos/config';
import { readConfigFile } from '@s2gos/config/node';
import { parseModel, JobInfoSchema, type ProcessDescription } from '@s2gos/models';
import { defineProcess, demoProcesses, startServer, type RunningServer } from '@s2gos/server';
import { run, ExitCode } from '@s2gos/cli';

const config: ClientConfig = { serverUrl: 'http://127.0.0.1:8008' };
const options: ClientOptions = { ...config, timeout: 1000 };
const request: ProcessRequest = { inputs: { value: 1 } };
// Only compiled, never run; a literal URL, since \`import.meta.url\` is no CommonJS.
const double = defineProcess<{ value: number }, { double: number }>({
  module: 'file:///srv/processes/double.mjs',
  description: { id: 'double', version: '1.0.0', inputs: {}, outputs: {} },
  run: async ({ value }) => ({ double: value * 2 }),
});

export async function use(): Promise<JobInfo['status'] | ExitCode | undefined> {
  const server: RunningServer = await startServer({ port: 0, processes: [...demoProcesses, double] });
  const client = new AsyncClient({ serverUrl: server.url });
  const job: JobInfo = await client.executeProcess('double', request);
  const description: ProcessDescription = await client.getProcess('echo');
  const status: JobInfo['status'] = parseModel(JobInfoSchema, job).status;
  new Client(options).close();
  await client.close();
  await server.close();
  const resolved = resolveConfig({ config });
  readConfigFile(undefined);
  try {
    await client.getJob(description.id);
  } catch (error) {
    if (error instanceof ClientError) return error.apiError.status === 404 ? status : undefined;
    if (error instanceof ConfigError) return undefined;
  }
  return resolved.serverUrl ? run(['--version']) : ExitCode.Success;
}
`;
  writeFileSync(join(dir, 'types.mts'), types);
  writeFileSync(join(dir, 'types.cts'), types);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          module: 'nodenext',
          target: 'es2022',
          types: ['node'],
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['types.mts', 'types.cts'],
      },
      null,
      2,
    )}\n`,
  );
  check(
    run(bin('tsc'), ['-p', '.']).status === 0,
    'strict tsc over the public types (ESM and CJS)',
  );
} finally {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  rmSync(env.HOME, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`${failures} tarball check(s) failed`);
  process.exit(1);
}
console.log('Every tarball check passed');
