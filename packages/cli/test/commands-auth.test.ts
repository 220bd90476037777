/**
 * Every command's client signs in through `commandCredentials`: tokens cached by one command are
 * used by the next, refreshes are written back, a long `--wait` survives expiries, `--server OTHER`
 * never gets the stored credentials, and failures exit with a clear message and no secret.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { RunningServer } from '@s2gos/server';
import { TEST_CLIENTS, TEST_USERS, type TestOidcProvider } from '@s2gos/test-oidc';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allOutput, makeHome, removeHome, s2gos, writeConfig } from './cli.js';
import { type OidcServer, startOidcServer } from './oidc-server.js';

const PASSWORD = TEST_USERS.bibo ?? '';
const { clientId: SERVICE_ID, clientSecret: SERVICE_SECRET } = TEST_CLIENTS.service;
const WRONG_PASSWORD = 'wrong-password-3e4f5a';

let oidc: TestOidcProvider;
let server: RunningServer;
let home: string;
const logLines: string[] = [];
/** Every token that was ever cached; none may be printed. */
const tokens = new Set<string>();

let stack: OidcServer | undefined;

beforeAll(async () => {
  stack = await startOidcServer(2, (line) => logLines.push(line));
  ({ oidc, server } = stack);
});
afterAll(() => stack?.close());
beforeEach(() => {
  home = makeHome();
});
afterEach(() => {
  for (const entry of Object.values(cached())) {
    tokens.add(entry.accessToken);
    if (entry.refreshToken) tokens.add(entry.refreshToken);
  }
  removeHome(home);
});

function cached(): Record<string, { accessToken: string; refreshToken?: string }> {
  try {
    const file = readFileSync(join(home, '.s2gos', 'tokens'), 'utf8');
    return (JSON.parse(file) as { tokens: never }).tokens;
  } catch {
    return {};
  }
}
const cachedAccessToken = () => Object.values(cached())[0]?.accessToken;

const loginConfig = (password = PASSWORD) => stack?.loginConfig(password) ?? {};
const grants = (type: string) => oidc.grants[type]?.success ?? 0;

describe('commands sign in with the configured auth type', () => {
  it('login: the first command signs in and caches; the next one uses the cache', async () => {
    writeConfig(home, loginConfig());
    const before = grants('password');
    const first = await s2gos(home, ['list-processes', '-f', 'json']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('sleep_a_while');
    expect(grants('password')).toBe(before + 1);
    const token = cachedAccessToken();
    expect(token).toEqual(expect.any(String));
    const second = await s2gos(home, ['list-jobs', '-f', 'json']);
    expect(second.code).toBe(0);
    expect(grants('password')).toBe(before + 1);
  });

  it('client-credentials: a command reaches the server', async () => {
    writeConfig(home, {
      server_url: server.url,
      auth_type: 'client-credentials',
      auth_url: `${oidc.issuer}/token`,
      client_id: SERVICE_ID,
      client_secret: SERVICE_SECRET,
    });
    const result = await s2gos(home, ['list-processes', '-f', 'json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('sleep_a_while');
  });

  it('execute-process --wait for 15 s crosses several 2 s expiries, rewriting the cache', async () => {
    writeConfig(home, loginConfig());
    expect((await s2gos(home, ['list-jobs'])).code).toBe(0);
    const first = cachedAccessToken();
    const before = grants('refresh_token');
    const result = await s2gos(home, [
      'execute-process',
      'sleep_a_while',
      '-i',
      'duration=15',
      '--wait',
      '-f',
      'json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ slept: expect.any(Number) });
    expect(grants('refresh_token') - before).toBeGreaterThanOrEqual(4);
    // Every refresh was written back: the cache no longer holds the token the command started from.
    expect(cachedAccessToken()).not.toBe(first);
  }, 60_000);

  it('login: a revoked refresh token in the cache leads to a new sign-in', async () => {
    writeConfig(home, loginConfig());
    expect((await s2gos(home, ['list-jobs'])).code).toBe(0);
    const refreshToken = Object.values(cached())[0]?.refreshToken ?? '';
    await oidc.revokeRefreshToken(refreshToken);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const before = grants('password');
    expect((await s2gos(home, ['list-jobs'])).code).toBe(0);
    expect(grants('password')).toBe(before + 1);
  });

  it("a wrong password: exit 2, 'Authentication failed' with the provider's description", async () => {
    writeConfig(home, loginConfig(WRONG_PASSWORD));
    const result = await s2gos(home, ['list-jobs']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: Authentication failed: getJobs: Signing in \(login\)/);
    expect(result.stderr).toContain('Invalid user credentials');
    expect(result.stderr).toContain(`${oidc.issuer}/token`);
    expect(result.stderr).not.toContain(WRONG_PASSWORD);
  });
});

describe('static auth types', () => {
  it('token, basic and api-key: each command sends its header', async () => {
    const recorder = await startRecorder();
    const API_KEY = 'cli-api-key-6d7e8f9a';
    try {
      const cases = [
        [
          { auth_type: 'token', access_token: 'cli-token-1a2b3c4d' },
          'authorization',
          'Bearer cli-token-1a2b3c4d',
        ],
        [
          { access_token: 'cli-token-1a2b3c4d', use_bearer: 'false' },
          'x-auth-token',
          'cli-token-1a2b3c4d',
        ],
        [
          { auth_type: 'basic', user_name: 'bibo', password: PASSWORD },
          'authorization',
          `Basic ${Buffer.from(`bibo:${PASSWORD}`).toString('base64')}`,
        ],
        [{ auth_type: 'api-key', api_key: API_KEY }, 'x-api-key', API_KEY],
      ] as const;
      for (const [fields, header, value] of cases) {
        writeConfig(home, { server_url: recorder.url, ...fields });
        const result = await s2gos(home, ['list-jobs', '-f', 'json']);
        expect(result.code).toBe(0);
        expect(recorder.requests.at(-1)?.headers[header]).toBe(value);
        tokens.add(value.replace(/^\w+ /, ''));
      }
    } finally {
      await recorder.close();
    }
  });
});

describe('--server OTHER', () => {
  it('never sends the credentials stored for the configured server', async () => {
    const other = await startRecorder();
    try {
      writeConfig(home, loginConfig());
      expect((await s2gos(home, ['list-jobs'])).code).toBe(0);
      const result = await s2gos(home, ['list-jobs', '--server', other.url, '-f', 'json']);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('not using them');
      expect(other.requests.length).toBeGreaterThan(0);
      for (const request of other.requests) {
        expect(request.headers.authorization).toBeUndefined();
        const text = JSON.stringify(request);
        for (const secret of [PASSWORD, ...tokens, cachedAccessToken() ?? 'x']) {
          expect(text).not.toContain(secret);
        }
      }
    } finally {
      await other.close();
    }
  });
});

describe('secrets', () => {
  it('never appear in any output or server log line', () => {
    const output = allOutput() + logLines.join('\n');
    expect(output.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, SERVICE_SECRET, WRONG_PASSWORD, ...tokens]) {
      expect(output).not.toContain(secret);
    }
  });
});

/** A server on another origin that records the headers it gets and lists no jobs. */
async function startRecorder() {
  const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  const recorder = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ jobs: [], links: [] }));
  });
  await new Promise<void>((done) => recorder.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        recorder.closeAllConnections();
        recorder.close(() => done());
      }),
  };
}
