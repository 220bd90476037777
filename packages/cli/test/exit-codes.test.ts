import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ExitCode, run } from '../dist/index.js';
import { allOutput, closedPort, makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

const serverUrl = inject('cliServerUrl');
let home: string;

beforeAll(async () => {
  home = makeHome();
  expect((await s2gos(home, ['configure', '-s', serverUrl, '-t', TEST_TOKEN])).code).toBe(0);
});

afterAll(() => {
  expect(allOutput()).not.toContain(TEST_TOKEN);
  removeHome(home);
});

/** One `Error: ...` line and nothing that looks like a Node stack trace. */
function expectOneErrorLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Error: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('the s2gos binary', () => {
  it('--help lists every command with its alias, and examples; exit 0', async () => {
    const result = await s2gos(home, ['--help']);
    expect(result.code).toBe(0);
    for (const [command, alias] of [
      ['configure', 'c'],
      ['list-processes', 'lp'],
      ['get-process', 'gp'],
      ['create-request', 'cr'],
      ['validate-request', 'vr'],
      ['execute-process', 'ep'],
      ['list-jobs', 'lj'],
      ['get-job', 'gj'],
      ['dismiss-job', 'dj'],
      ['get-job-results', 'gjr'],
      ['wait', 'w'],
      ['generate-client', 'gc'],
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\|${alias} `, 'm'));
    }
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('Exit codes:');
    const commandHelp = await s2gos(home, ['ep', '--help']);
    expect(commandHelp.code).toBe(0);
    expect(commandHelp.stdout).toContain('s2gos execute-process primes_between');
  });

  it('--version prints the package version; exit 0', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const result = await s2gos(home, ['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('stops quietly with 0 when the reader of stdout goes away (| head -1), goes on without stderr', async () => {
    // The read ends are closed before the binary has started, so its first write fails (EPIPE).
    const closeStdout = { onSpawn: (child: ChildProcess) => child.stdout?.destroy() };
    for (const args of [['--help'], ['lp'], ['gp', 'echo', '-f', 'json']]) {
      const result = await s2gos(home, args, closeStdout);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({
        args,
        code: 0,
        stderr: '',
      });
    }
    // Progress nobody reads does not stop following the job: the results still arrive.
    const noStderr = await s2gos(home, ['ep', 'echo', '-i', 'value=7', '--wait'], {
      onSpawn: (child) => child.stderr?.destroy(),
    });
    expect(noStderr).toMatchObject({ code: 0, stdout: 'value: 7\n' });
  });

  it('exits with 1 for bad arguments', async () => {
    const unknown = await s2gos(home, ['lp', '--bogus']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: unknown option '--bogus'/);
    const missing = await s2gos(home, ['gp']);
    expect(missing.code).toBe(1);
    expectOneErrorLine(missing.stderr, /missing required argument 'PROCESS_ID'/);
    const format = await s2gos(home, ['lp', '-f', 'xml']);
    expect(format.code).toBe(1);
    expectOneErrorLine(
      format.stderr,
      /'xml' is invalid. Allowed choices are yaml, json, table, simple/,
    );
  });

  it('exits with 1 for an invalid request, before contacting the server', async () => {
    const result = await s2gos(home, ['ep', 'echo', '-s', 'done=http://127.0.0.1:9/x']);
    expect(result.code).toBe(1);
    expectOneErrorLine(result.stderr, /invalid subscriber 'done=.*EVENT one of success, failed/);
  });

  it('exits with 1 for a broken configuration file', async () => {
    const config = join(home, 'broken.yaml');
    writeFileSync(config, 'server_url: [unclosed\n');
    const result = await s2gos(home, ['lp', '-c', config]);
    expect(result.code).toBe(1);
    expectOneErrorLine(result.stderr, /broken\.yaml/);
  });

  it('exits with 1 for a configuration file given with -c that does not exist', async () => {
    const result = await s2gos(home, ['lp', '-c', join(home, 'typo.yaml')]);
    expect(result.code).toBe(1);
    expectOneErrorLine(result.stderr, /configuration file '.*typo\.yaml' not found/);
  });

  it('exits with 1 for a request whose shape the models refuse, listing each problem', async () => {
    const request = join(home, 'shape.yaml');
    writeFileSync(request, 'process_id: echo\ninputs: {value: 1}\nresponse: sometimes\n');
    const result = await s2gos(home, ['ep', '-r', request]);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      "Error: the request for process 'echo' is invalid (1 problem)",
      '  response: expected "raw" | "document", got "sometimes"',
    ]);
  });

  it('exits with 2 when the server answers with an error (404, 401)', async () => {
    const notFound = await s2gos(home, ['gp', 'no_such_process']);
    expect(notFound.code).toBe(2);
    expectOneErrorLine(notFound.stderr, /404.*no_such_process/);
    const job = await s2gos(home, ['gj', 'no-such-job']);
    expect(job.code).toBe(2);
    expectOneErrorLine(job.stderr, /404/);

    const unauthorized = await s2gos(home, ['lp'], {
      env: { S2GOS_ACCESS_TOKEN: 'wrong-token-123456' },
    });
    expect(unauthorized.code).toBe(2);
    expectOneErrorLine(unauthorized.stderr, /401/);
    expect(unauthorized.stderr).not.toContain('wrong-token-123456');
  });

  it('says so with --traceback when the server sent no traceback', async () => {
    const result = await s2gos(home, ['gp', 'no_such_process', '--traceback']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^Error: .*404/),
      '(the server sent no traceback)',
    ]);
  });

  it('exits with 3 when the server cannot be reached', async () => {
    const port = await closedPort();
    const result = await s2gos(home, ['lp', '--server', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(3);
    // The configured token belongs to the configured server: the CLI says it is left out.
    const [warning, ...rest] = result.stderr.split(/(?<=\n)/);
    expect(warning).toMatch(
      /^Warning: The config file's credentials \(.*access_token\) were configured for /,
    );
    expectOneErrorLine(rest.join(''), new RegExp(`127\\.0\\.0\\.1:${port}`));
    const before = await s2gos(home, ['-s', `http://127.0.0.1:${port}`, 'gj', 'x']);
    expect(before.code).toBe(3);
  });
});

/** Runs the CLI in this process through the public `run()`, as an embedding tool would. */
async function runInProcess(args: string[], stdinText = '') {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const code = await run(args, {
    stdin,
    stdout: sink((text) => {
      stdout += text;
    }),
    stderr: sink((text) => {
      stderr += text;
    }),
    env: { HOME: home, NO_COLOR: '1', S2GOS_SERVER_URL: serverUrl, S2GOS_ACCESS_TOKEN: TEST_TOKEN },
  });
  expect(stdout + stderr).not.toContain(TEST_TOKEN);
  return { code, stdout, stderr };
}

describe('run() (embedded): user errors are exit code 1 with one line', () => {
  it.each([
    [['lj', '--limit', '0'], /--limit <n>' argument '0' is invalid. expected a positive integer/],
    [
      ['lj', '--status', 'done'],
      /expected one of accepted, running, successful, failed, dismissed/,
    ],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['ep', 'echo', '-i', '=3'], /invalid input '=3': expected NAME=VALUE/],
    [['ep', 'echo', '-i', 'value='], /missing the value \(write value='""' for an empty string\)/],
    [['ep', 'echo', '-s', 'failed=http://127.0.0.1:9/f'], /a subscriber needs a success URL/],
    [['ep', 'echo', '-s', 'success=ftp://host/x'], /'ftp:\/\/host\/x' is not an http\(s\) URL/],
    [['ep', '-i', 'value=1'], /missing PROCESS_ID/],
    [
      ['ep', 'echo', '-r', '/no/such/request.yaml'],
      /request file '\/no\/such\/request.yaml' not found/,
    ],
    [
      ['ep', 'echo', '-d', '-i', 'a=1', '-i', 'a.b=2'],
      /cannot set input 'a.b': 'a' is not an object/,
    ],
  ])('%j', async (args, pattern) => {
    const result = await runInProcess(args);
    expect(result.code).toBe(ExitCode.UserError);
    expectOneErrorLine(result.stderr, pattern);
  });

  it.each([
    ['{"inputs": [1]', /cannot parse request <stdin> as JSON/],
    ['inputs: [1, 2]\n', /request <stdin>: 'inputs' must be a mapping, got a list/],
    ['- just a list\n', /request <stdin> must hold a mapping, got a list/],
    ['inputs:\n  a: 1\n b: 2\n', /cannot parse request <stdin> as YAML: .* at line 3, column 1$/],
  ])('request %j', async (text, pattern) => {
    const result = await runInProcess(['ep', 'echo', '-r', '-'], text);
    expect(result.code).toBe(ExitCode.UserError);
    expectOneErrorLine(result.stderr, pattern);
  });

  it('works against the server like the binary', async () => {
    const result = await runInProcess(['gp', 'echo', '-f', 'json']);
    expect(result.code).toBe(ExitCode.Success);
    expect(JSON.parse(result.stdout).id).toBe('echo');
  });
});
