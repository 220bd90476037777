/**
 * Behaviour on a terminal: the binary runs under util-linux `script`, which gives it a
 * pseudo-terminal for stdin, stdout and stderr. Input is typed only once the expected prompt has
 * appeared, so nothing depends on timing.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigFile } from '@s2gos/config/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BIN, makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

const serverUrl = inject('cliServerUrl');
let home: string;

interface Step {
  /** Wait until the output after the previous step matches this... */
  waitFor: RegExp;
  /** ...then type this. */
  send: string;
}

function quote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Runs `s2gos ...args` on a pseudo-terminal, typing `steps`; resolves with everything shown. */
function inTerminal(
  args: string[],
  options: { steps?: Step[]; env?: Record<string, string>; prefix?: string[] } = {},
): Promise<{ code: number | null; output: string }> {
  const steps = [...(options.steps ?? [])];
  const command = [...(options.prefix ?? []), process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, TERM: 'xterm', ...options.env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    let from = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const step = steps[0];
      const match = step?.waitFor.exec(output.slice(from));
      if (step && match) {
        from += match.index + match[0].length;
        steps.shift();
        child.stdin.write(step.send);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  home = makeHome();
  expect((await s2gos(home, ['configure', '-s', serverUrl, '-t', TEST_TOKEN])).code).toBe(0);
});

afterAll(() => removeHome(home));

describe('on a terminal', () => {
  it('prints lists as tables by default, bold headers unless NO_COLOR is set', async () => {
    const plain = await inTerminal(['lp'], { env: { NO_COLOR: '1' } });
    expect(plain.code).toBe(0);
    expect(plain.output).toMatch(/^ID\s+VERSION\s+TITLE\r?$/m);
    expect(plain.output).not.toContain('\u001b[');
    const colored = await inTerminal(['lp']);
    expect(colored.output).toContain('\u001b[1mID ');
    // Documents stay YAML on a terminal.
    const document = await inTerminal(['gp', 'echo'], { env: { NO_COLOR: '1' } });
    expect(document.output).toMatch(/^id: echo\r?$/m);
  });

  it('shows a progress bar while following a job, then the results', async () => {
    const result = await inTerminal(['ep', 'sleep_a_while', '-i', 'duration=0.5', '--wait'], {
      env: { NO_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/job \S+ [█░]{30} 100% \| successful/);
    expect(result.output).toMatch(/^slept: [\d.]+\r?$/m);
  });

  it('asks for the auth type, then only what it needs, with the token hidden', async () => {
    const file = join(home, 'asked.yaml');
    const result = await inTerminal(['configure', '-c', file, '-u', 'dora'], {
      env: { NO_COLOR: '1' },
      steps: [
        { waitFor: /Server URL/, send: `${serverUrl}\r` },
        {
          waitFor: /Auth type \(none, token, basic, api-key, login, client-credentials, device\)/,
          send: 'token\r',
        },
        { waitFor: /Access token/, send: `${TEST_TOKEN}\r` },
      ],
    });
    expect(result.code).toBe(0);
    expect(result.output).not.toContain('User name');
    expect(result.output).not.toContain('Password');
    expect(result.output).toContain(`Configuration written to ${file}`);
    expect(result.output).not.toContain(TEST_TOKEN);
    expect(readConfigFile(file)).toEqual({
      serverUrl,
      authType: 'token',
      userName: 'dora',
      accessToken: TEST_TOKEN,
    });
  });

  it('takes Ctrl-D at a question as Ctrl-C: configure writes nothing and exits with 130', async () => {
    const file = join(home, 'never-written.yaml');
    const atFirst = await inTerminal(['configure', '-c', file], {
      env: { NO_COLOR: '1' },
      steps: [{ waitFor: /Server URL/, send: '\u0004' }],
    });
    expect(atFirst.code).toBe(130);
    expect(atFirst.output).toContain('Cancelled; the configuration file is unchanged.');
    // At a hidden question too.
    const atSecret = await inTerminal(['configure', '-c', file, '-s', serverUrl, '-a', 'token'], {
      env: { NO_COLOR: '1' },
      steps: [{ waitFor: /Access token/, send: '\u0004' }],
    });
    expect(atSecret.code).toBe(130);
    expect(atSecret.output).toContain('Cancelled; the configuration file is unchanged.');
    expect(existsSync(file)).toBe(false);
  });

  it('keeps the job running on Ctrl-D at the question whether to dismiss it', async () => {
    const result = await inTerminal(['ep', 'sleep_a_while', '-i', 'duration=30', '--wait'], {
      env: { NO_COLOR: '1' },
      steps: [
        { waitFor: /\d+% \| running/, send: '\u0003' },
        { waitFor: /Dismiss job \S+ on the server\? \(y\/N\)/, send: '\u0004' },
      ],
    });
    expect(result.code).toBe(130);
    expect(result.output).toMatch(/Stopped following job (\S+); it keeps running\./);
    const jobId = /Stopped following job (\S+);/.exec(result.output)?.[1] ?? '';
    expect((await s2gos(home, ['dj', jobId])).code).toBe(0);
  });

  it('gives the terminal its cursor and line wrap back when SIGTERM ends a --wait', async () => {
    // `timeout` sends SIGTERM once the bar is on screen.
    const result = await inTerminal(['ep', 'sleep_a_while', '-i', 'duration=30', '--wait'], {
      env: { NO_COLOR: '1' },
      prefix: ['timeout', '3'],
    });
    expect(result.code).toBe(124);
    expect(result.output).toMatch(/\d+% \| running/);
    const hidden = result.output.lastIndexOf('\x1b[?25l');
    expect(hidden).toBeGreaterThan(-1);
    expect(result.output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(hidden);
    expect(result.output.lastIndexOf('\x1b[?7h')).toBeGreaterThan(
      result.output.lastIndexOf('\x1b[?7l'),
    );
    const jobId = /job (\S+) /.exec(result.output)?.[1] ?? '';
    expect((await s2gos(home, ['dj', jobId])).code).toBe(0);
  });

  it('asks on Ctrl-C during --wait whether to dismiss the job', async () => {
    const result = await inTerminal(['ep', 'sleep_a_while', '-i', 'duration=30', '--wait'], {
      env: { NO_COLOR: '1' },
      steps: [
        { waitFor: /\d+% \| running/, send: '\u0003' },
        { waitFor: /Dismiss job \S+ on the server\? \(y\/N\)/, send: 'y\r' },
      ],
    });
    expect(result.code).toBe(130);
    expect(result.output).toMatch(/Job \S+ dismissed\./);
    // One default shown, ours: inquirer's own "(n)" would follow it otherwise.
    expect(result.output).not.toMatch(/\(y\/N\) \(n\)/);
    expect(result.output).not.toMatch(/^slept:/m);
  });
});
