// Worker threads load the process worker and the demo processes from files beside the library.
// These tests start servers in child processes (with a heap cap) the ways users do, and with a
// broken install, and check that jobs end instead of waiting forever.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JobInfoSchema, parseModel } from '@s2gos/models';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, TestServer } from './helpers.js';

const servers: TestServer[] = [];
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Starts `node ...args`, a script that starts a server and prints its URL. */
async function serverFrom(...args: string[]): Promise<TestServer> {
  const server = await TestServer.spawnNode(['--max-old-space-size=256', ...args]);
  servers.push(server);
  return server;
}

/** Runs `echo` and returns the job once it has ended (within about 25 s). */
async function echoJob(server: TestServer) {
  const answer = await server.execute('echo', { inputs: { value: 'hi' } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const { jobID } = parseModel(JobInfoSchema, answer.body);
  return eventually(async () => {
    const info = parseModel(JobInfoSchema, (await server.fetch(`/jobs/${jobID}`)).body);
    return info.status === 'accepted' || info.status === 'running' ? undefined : info;
  });
}

const startAndPrint = 'const s = await startServer({ port: 0 }); console.log(s.url);';

describe('a server started from node -e', () => {
  // `node -e` defines a global `__filename` ('[eval]'): the ESM build must not take it for its own.
  it.each([
    ['ESM', `import('@s2gos/server').then(async ({ startServer }) => { ${startAndPrint} });`],
    [
      'CommonJS',
      `(async () => { const { startServer } = require('@s2gos/server'); ${startAndPrint} })();`,
    ],
  ])('runs its jobs (%s build)', async (_build, script) => {
    const server = await serverFrom('-e', script);
    const job = await echoJob(server);
    expect(job.status, job.message).toBe('successful');
  });
});

describe('a process worker that cannot start', () => {
  it('fails the job with a message that names the cause, instead of leaving it accepted', async () => {
    // A copy of the build without its process worker, inside the package so that its
    // dependencies resolve.
    const packageDir = fileURLToPath(new URL('..', import.meta.url));
    const copy = mkdtempSync(`${packageDir}.test-broken-`);
    folders.push(copy);
    cpSync(`${packageDir}dist`, `${copy}/dist`, { recursive: true });
    rmSync(`${copy}/dist/process-worker.js`);
    const entry = JSON.stringify(`${copy}/dist/index.js`);
    const server = await serverFrom(
      '--input-type=module',
      '-e',
      `const { startServer } = await import(${entry}); ${startAndPrint}`,
    );
    for (let run = 0; run < 2; run++) {
      const job = await echoJob(server);
      expect(job.status).toBe('failed');
      expect(job.message).toMatch(/could not start.*process-worker\.js.*Reinstall @s2gos\/server/);
    }
  });
});
