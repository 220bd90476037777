/** `-v` logs each HTTP exchange to stderr, with no secret in it. */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

const serverUrl = inject('cliServerUrl');
let home: string;
beforeAll(async () => {
  home = makeHome();
  expect((await s2gos(home, ['configure', '-s', serverUrl, '-t', TEST_TOKEN])).code).toBe(0);
});
afterAll(() => removeHome(home));

it('-v logs method, URL, status and duration, and no credential', async () => {
  const result = await s2gos(home, ['lp', '-v', '--limit', '2', '-f', 'json']);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain(`→ GET ${serverUrl}/processes?limit=100`);
  expect(result.stderr).toMatch(
    new RegExp(`← 200 GET ${serverUrl}/processes\\?limit=100 in \\d+ ms`),
  );
  expect(result.stderr + result.stdout).not.toContain(TEST_TOKEN);
  expect(result.stderr.toLowerCase()).not.toContain('authorization');
  const quiet = await s2gos(home, ['lp', '--limit', '2', '-f', 'json']);
  expect(quiet.stderr).not.toContain('[s2gos]');
});

it('S2GOS_DEBUG logs a failed exchange too, without the token', async () => {
  const result = await s2gos(home, ['gj', 'no-such-job', '-v'], {
    env: { S2GOS_DEBUG: '1' },
  });
  expect(result.stderr).toContain('← 404 GET');
  expect(result.stderr).not.toContain(TEST_TOKEN);
});
