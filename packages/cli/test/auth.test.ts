import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '@s2gos/server';
import { TEST_CLIENTS, TEST_USERS, type TestOidcProvider } from '@s2gos/test-oidc';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allOutput, makeHome, removeHome, s2gos } from './cli.js';
import { type OidcServer, startOidcServer } from './oidc-server.js';

const PASSWORD = TEST_USERS.bibo ?? '';
const { clientId: SERVICE_ID, clientSecret: SERVICE_SECRET } = TEST_CLIENTS.service;

let oidc: TestOidcProvider;
let server: RunningServer;
let home: string;

let stack: OidcServer | undefined;

beforeAll(async () => {
  stack = await startOidcServer(3);
  ({ oidc, server } = stack);
});
afterAll(() => stack?.close());
beforeEach(() => {
  home = makeHome();
});
afterEach(() => {
  removeHome(home);
});

/** `s2gos configure` (or its alias) for a `login` as bibo, with `password` on stdin. */
function configureLogin(command: 'configure' | 'c', password: string) {
  const args = [command, '-s', server.url, '-a', 'login', '--auth-url', oidc.issuer, '-u', 'bibo'];
  args.push('--client-id', TEST_CLIENTS.cli.clientId, '--password-stdin');
  return s2gos(home, args, { input: `${password}\n` });
}

const configFile = () => join(home, '.s2gos', 'config');
const tokenFile = () => join(home, '.s2gos', 'tokens');

function cachedTokens(): Record<string, { accessToken: string; refreshToken?: string }> {
  return (JSON.parse(readFileSync(tokenFile(), 'utf8')) as { tokens: never }).tokens;
}

describe('configure with sign-in', () => {
  it('login: signs in once, then writes the file (0600) and caches the tokens (0600)', async () => {
    const result = await configureLogin('configure', PASSWORD);
    expect(result).toMatchObject({ code: 0, stdout: `Configuration written to ${configFile()}\n` });
    expect(result.stderr).toBe(`Signed in at ${oidc.issuer}\n`);
    expect(readFileSync(configFile(), 'utf8')).toBe(
      `server_url: ${server.url}\nauth_type: login\nauth_url: ${oidc.issuer}\nuser_name: bibo\n` +
        `password: ${PASSWORD}\nclient_id: ${TEST_CLIENTS.cli.clientId}\n`,
    );
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);
    const [entry] = Object.values(cachedTokens());
    expect(entry?.refreshToken).toEqual(expect.any(String));
    // The cached token is one the server accepts.
    const response = await fetch(`${server.url}/processes`, {
      headers: { Authorization: `Bearer ${entry?.accessToken}` },
    });
    expect(response.status).toBe(200);

    const shown = await s2gos(home, ['configure', '--show']);
    expect(parseYaml(shown.stdout)).toMatchObject({ auth_type: 'login', password: '****' });
  });

  it('a wrong password: a clear authentication failure, exit 2, nothing written', async () => {
    const result = await configureLogin('c', 'wrong-password-0042');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `Error: Authentication failed: Signing in (login) at ${oidc.tokenEndpoint} failed: invalid_grant (Invalid user credentials). Check user_name, password and client_id ("s2gos configure").\n`,
    );
    expect(existsSync(configFile())).toBe(false);
    expect(existsSync(tokenFile())).toBe(false);
  });

  it('a missing field is named before anything is tried', async () => {
    const result = await s2gos(home, ['c', '-a', 'client-credentials', '--client-id', 'x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: Auth type "client-credentials" needs authUrl: set auth_url/,
    );
    expect(existsSync(configFile())).toBe(false);
  });

  it('client-credentials: proves the secret, writes it, never prints it', async () => {
    const args = ['c', '-s', server.url, '-a', 'client-credentials', '--auth-url', oidc.issuer];
    const result = await s2gos(home, [
      ...args,
      '--client-id',
      SERVICE_ID,
      '--client-secret',
      SERVICE_SECRET,
    ]);
    expect(result.code).toBe(0);
    expect(readFileSync(configFile(), 'utf8')).toContain(`client_secret: ${SERVICE_SECRET}\n`);
    const shown = await s2gos(home, ['c', '--show', '-f', 'json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      client_id: SERVICE_ID,
      client_secret: `****${SERVICE_SECRET.slice(-4)}`,
    });
  });

  it('--auth-type is checked', async () => {
    const result = await s2gos(home, ['c', '-a', 'oauth']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "--auth-type must be one of none, token, basic, api-key, login, client-credentials, device, got 'oauth'",
    );
  });
});

describe('login and logout', () => {
  it('device: prints the URL and code, waits for approval, caches the tokens; logout removes them', async () => {
    writeFileSync(
      join(makeDir(home), 'config'),
      `server_url: ${server.url}\nauth_type: device\nauth_url: ${oidc.issuer}\nclient_id: ${TEST_CLIENTS.cli.clientId}\n`,
    );
    const result = await s2gos(home, ['login'], {
      onSpawn: (_child, output) => {
        const poll = setInterval(() => {
          const code = /enter the code (\S+)/.exec(output.stderr())?.[1];
          if (code === undefined) return;
          clearInterval(poll);
          void oidc.approveDevice(code, 'ernie');
        }, 100);
      },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`^To sign in, open ${oidc.issuer}/device and enter the code \\w{4}-\\w{4}\\n`),
    );
    expect(result.stdout).toBe(`Signed in as ${TEST_CLIENTS.cli.clientId} for ${server.url}\n`);
    expect(Object.keys(cachedTokens())).toHaveLength(1);

    expect((await s2gos(home, ['logout'])).stdout).toBe('Signed out: cached tokens removed\n');
    expect(cachedTokens()).toEqual({});
    expect((await s2gos(home, ['logout'])).stdout).toBe('No cached tokens to remove\n');
  });

  it('login for an auth type without sign-in is a usage error', async () => {
    const result = await s2gos(home, ['login'], { env: { S2GOS_ACCESS_TOKEN: 'some-token-123' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('auth type "token" needs no sign-in');
  });
});

describe('configuration warnings', () => {
  it('names unknown keys of the config file on stderr', async () => {
    writeFileSync(join(makeDir(home), 'config'), `server_url: ${server.url}\nauth-type: token\n`);
    const result = await s2gos(home, ['c', '--show']);
    expect(result.stderr).toBe(
      `Warning: Config file ${configFile()} has keys that mean nothing here (a typo?): auth-type.\n`,
    );
  });

  it("reads the Python client's ~/.s2gos-client when ~/.s2gos/config is missing", async () => {
    writeFileSync(join(home, '.s2gos-client'), `api_url: ${server.url}\nusername: bibo\n`);
    const result = await s2gos(home, ['c', '--show', '-f', 'json']);
    expect(JSON.parse(result.stdout)).toEqual({
      server_url: server.url,
      auth_type: 'none',
      user_name: 'bibo',
    });
  });
});

describe('secrets', () => {
  it('never appear in any output', () => {
    const output = allOutput();
    for (const secret of [PASSWORD, SERVICE_SECRET, 'wrong-password-0042']) {
      expect(output).not.toContain(secret);
    }
  });
});

function makeDir(dir: string): string {
  const folder = join(dir, '.s2gos');
  mkdirSync(folder, { recursive: true });
  return folder;
}
