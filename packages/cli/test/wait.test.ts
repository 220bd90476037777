/** `wait JOB_ID`, `--wait` on get-job and get-job-results, `--timeout`, and giving up well. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allOutput, closedPort, makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

const serverUrl = inject('cliServerUrl');
let home: string;
/** A server whose every answer is 503: a service that keeps failing while a job runs. */
let failing: Server;
let failingUrl: string;

async function ok(args: string[]): Promise<string> {
  const result = await s2gos(home, args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function start(process: string, ...inputs: string[]): Promise<string> {
  const args = ['ep', process, ...inputs.flatMap((input) => ['-i', input]), '-f', 'json'];
  return JSON.parse(await ok(args)).jobID;
}

beforeAll(async () => {
  home = makeHome();
  await ok(['configure', '-s', serverUrl, '-t', TEST_TOKEN]);
  failing = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"title":"Unavailable"}');
  });
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
  failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
});

afterAll(async () => {
  failing.closeAllConnections();
  await new Promise((resolve) => failing.close(resolve));
  expect(allOutput()).not.toContain(TEST_TOKEN);
  removeHome(home);
});

describe('wait [w]', () => {
  it.each([['wait'], ['w']])('%s follows a job to its end and prints its results', async (name) => {
    const jobId = await start('sleep_a_while', 'duration=0.5');
    const result = await s2gos(home, [name, jobId]);
    expect(result.code, result.stderr).toBe(0);
    expect(parseYaml(result.stdout)).toEqual({ slept: expect.any(Number) });
    // The progress names the job.
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(`^job ${jobId} successful 100%`));
  });

  it('ends with exit code 2 and the message of a failed job', async () => {
    const jobId = await start('sleep_a_while', 'duration=0.2', 'fail=true');
    const result = await s2gos(home, ['wait', jobId]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^Error: job ${jobId} failed: Woke up too early$`, 'm'),
    );
  });

  it('gives up after --timeout, saying the job may still run and how to pick it up', async () => {
    const jobId = await start('sleep_a_while', 'duration=60');
    const result = await s2gos(home, ['wait', jobId, '--timeout', '1s']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^Error: job ${jobId} did not finish within`, 'm'));
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      `Job ${jobId} may still be running: follow it again with 's2gos wait ${jobId}'.`,
    );
    expect(parseYaml(await ok(['gj', jobId])).status).toBe('running');
    await ok(['dj', jobId]);
  });

  it('gives up when the server keeps failing or cannot be reached, with the same hint', async () => {
    const budget = ['--outage-budget', '1s'];
    const failed = await s2gos(home, ['wait', 'job-1', '--server', failingUrl, ...budget]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^Error: .*503/m);
    expect(failed.stderr).toContain(
      "Job job-1 may still be running: follow it again with 's2gos wait job-1'.",
    );
    const unreachable = await s2gos(home, [
      'wait',
      'job-2',
      '--server',
      `http://127.0.0.1:${await closedPort()}`,
      ...budget,
    ]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain("follow it again with 's2gos wait job-2'.");
  });

  it('takes --timeout as a duration, and refuses what is none', async () => {
    const jobId = await start('echo', 'value=1');
    expect(parseYaml(await ok(['wait', jobId, '--timeout', '1h30m']))).toEqual({ value: 1 });
    const result = await s2gos(home, ['wait', jobId, '--timeout', 'soon']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: option '--timeout <duration>' argument 'soon' is invalid/,
    );
  });
});

describe('--wait on get-job and get-job-results', () => {
  it('get-job --wait prints the final status', async () => {
    const jobId = await start('sleep_a_while', 'duration=0.5');
    const job = parseYaml(await ok(['gj', jobId, '--wait']));
    expect(job).toMatchObject({ jobID: jobId, status: 'successful', progress: 100 });
  });

  it('get-job --wait prints the final status of a failed job, and exits with 2', async () => {
    const jobId = await start('sleep_a_while', 'duration=0.2', 'fail=true');
    const result = await s2gos(home, ['gj', jobId, '-w', '-f', 'json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ jobID: jobId, status: 'failed' });
  });

  it('get-job-results --wait prints the results once the job is done', async () => {
    const jobId = await start('primes_between', 'max_val=12');
    expect(parseYaml(await ok(['gjr', jobId, '--wait', '--timeout', '5m']))).toEqual({
      primes: [2, 3, 5, 7, 11],
    });
  });

  it('refuses --timeout without --wait', async () => {
    for (const command of ['gj', 'gjr', 'ep']) {
      const result = await s2gos(home, [command, 'echo', '--timeout', '1m']);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('Error: --timeout limits --wait: give both\n');
    }
  });
});
