/**
 * `s2gos app`'s forwarder, over HTTP: the session secret, the cookie it becomes, the Host and
 * Origin checks, and the credentials added on the Node side only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BIN, closedPort, makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let child: ChildProcess;
let home: string;
let sessionUrl: URL;
let output = '';
const answers: string[] = [];

/** A request with full control of the headers (fetch would not let us set Host). */
function send(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: sessionUrl.port, path, method, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          answers.push(text, JSON.stringify(res.headers));
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let cookie: string;

beforeAll(async () => {
  home = makeHome();
  child = spawn(process.execPath, [BIN, 'app', '--no-open', '--server', inject('cliServerUrl')], {
    env: { PATH: process.env.PATH ?? '', HOME: home, S2GOS_ACCESS_TOKEN: TEST_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const line = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`s2gos app exited with ${code}: ${output}`)));
  });
  sessionUrl = new URL(line);
  const login = await send(`/${sessionUrl.search}`, { host: sessionUrl.host });
  cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
  }
  removeHome(home);
});

describe('s2gos app', () => {
  it('prints one session URL on 127.0.0.1 carrying a long secret', () => {
    expect(sessionUrl.hostname).toBe('127.0.0.1');
    expect(sessionUrl.searchParams.get('session')).toMatch(/^[\w-]{40,}$/);
  });

  it('exchanges the secret for an HttpOnly, SameSite=Strict cookie and a clean URL', async () => {
    const login = await send(`/${sessionUrl.search}`, { host: sessionUrl.host });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    expect(String(login.headers['set-cookie'])).toMatch(
      /^s2gos-app-\d+=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/,
    );
  });

  it('refuses requests without the session secret', async () => {
    for (const path of ['/', '/api/processes', '/s2gos-app.json']) {
      const answer = await send(path, { host: sessionUrl.host });
      expect(answer.status, path).toBe(403);
      expect(answer.body).toContain("Open the link that 's2gos app' printed");
    }
    const wrong = await send('/?session=not-the-secret', { host: sessionUrl.host });
    expect(wrong.status).toBe(403);
    const forged = await send('/api/processes', { host: sessionUrl.host, cookie: `${cookie}x` });
    expect(forged.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding), even with the session cookie', async () => {
    const answer = await send('/api/processes', {
      host: `rebind.example.com:${sessionUrl.port}`,
      cookie,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('is not this server');
  });

  it('refuses calls from another origin', async () => {
    const answer = await send(
      '/api/processes/echo/execution',
      {
        host: sessionUrl.host,
        cookie,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      'POST',
      '{"inputs":{"value":1}}',
    );
    expect(answer.status).toBe(403);
  });

  it('serves the app and forwards its calls with the configured token', async () => {
    const page = await send('/', { host: sessionUrl.host, cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    const config = await send('/s2gos-app.json', { host: `localhost:${sessionUrl.port}`, cookie });
    expect(JSON.parse(config.body)).toEqual({
      serverUrl: './api/',
      forwarded: true,
      service: `${inject('cliServerUrl')}/`,
    });
    // The server requires the token; the request carries none: the forwarder adds it.
    const processes = await send('/api/processes', { host: sessionUrl.host, cookie });
    expect(processes.status).toBe(200);
    expect(JSON.parse(processes.body).processes.map((p: { id: string }) => p.id)).toContain(
      'primes_between',
    );
    const created = await send(
      '/api/processes/echo/execution',
      {
        host: sessionUrl.host,
        cookie,
        origin: sessionUrl.origin,
        'content-type': 'application/json',
      },
      'POST',
      '{"inputs":{"value":1}}',
    );
    expect(created.status).toBe(201);
    expect(String(created.headers.location)).toMatch(/^\/api\/jobs\//);
  });

  it('answers 502 with problem details when the service cannot be reached', async () => {
    const other = makeHome();
    const port = await closedPort();
    let url = '';
    const run = s2gos(other, ['app', '--no-open', '--server', `http://127.0.0.1:${port}`], {
      onSpawn: (spawned) => {
        spawned.stdout?.on('data', (chunk: Buffer) => {
          url ||= chunk.toString().split('\n')[0] ?? '';
          if (url) void check().finally(() => spawned.kill('SIGINT'));
        });
      },
    });
    let problem: { status?: number; detail?: string } = {};
    const check = async () => {
      const session = new URL(url);
      const login = await fetch(session, { redirect: 'manual' });
      const cookie = String(login.headers.get('set-cookie')).split(';')[0] ?? '';
      const answer = await fetch(new URL('/api/processes', session), { headers: { cookie } });
      problem = await answer.json();
    };
    const result = await run;
    removeHome(other);
    expect(problem.status).toBe(502);
    expect(problem.detail).toContain(`http://127.0.0.1:${port}/ could not be reached`);
    expect(result.code).toBe(0);
  });

  it('never shows the token to the browser or the terminal', () => {
    expect(answers.join('\n')).not.toContain(TEST_TOKEN);
    expect(output).not.toContain(TEST_TOKEN);
  });
});
