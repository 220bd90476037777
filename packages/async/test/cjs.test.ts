/** The CommonJS build works from a plain `require` (ky is bundled into it). */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from './helpers/demo-server.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(() => server.close());

it('require("@s2gos/async") talks to the server', async () => {
  const script = fileURLToPath(new URL('./fixtures/cjs-smoke.cjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, server.url], {
    timeout: 20_000,
  });
  expect(JSON.parse(stdout)).toEqual({
    processes: expect.arrayContaining(['primes_between', 'echo']),
    status: 'successful',
    results: { primes: [2, 3, 5, 7, 11] },
    missingIsClientError: true,
    missingStatus: 404,
  });
});
