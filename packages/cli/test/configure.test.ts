import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigFile } from '@s2gos/config/node';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allOutput, makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

const serverUrl = inject('cliServerUrl');
let home: string;

beforeEach(() => {
  home = makeHome();
});

afterEach(() => {
  removeHome(home);
  expect(allOutput()).not.toContain(TEST_TOKEN);
});

describe('configure [c]', () => {
  it('writes ~/.s2gos/config (0600) that @s2gos/config reads back', async () => {
    const result = await s2gos(home, [
      'configure',
      '-s',
      serverUrl,
      '-u',
      'alice',
      '-t',
      TEST_TOKEN,
    ]);
    const path = join(home, '.s2gos', 'config');
    expect(result).toMatchObject({ code: 0, stdout: `Configuration written to ${path}\n` });
    expect(readConfigFile(undefined, { homeDir: home })).toEqual({
      serverUrl,
      userName: 'alice',
      accessToken: TEST_TOKEN,
    });
    expect(readFileSync(path, 'utf8')).toBe(
      `server_url: ${serverUrl}\nuser_name: alice\naccess_token: ${TEST_TOKEN}\n`,
    );
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes the file given with -c, alias c, and keeps what it is not told to change', async () => {
    const file = join(home, 'custom', 'config.yaml');
    expect(
      (await s2gos(home, ['c', '-c', file, '--server', serverUrl, '--token', TEST_TOKEN])).code,
    ).toBe(0);
    expect((await s2gos(home, ['c', '-c', file, '--user', 'bob'])).code).toBe(0);
    expect(readConfigFile(file)).toEqual({
      serverUrl,
      userName: 'bob',
      accessToken: TEST_TOKEN,
    });
    expect(existsSync(join(home, '.s2gos', 'config'))).toBe(false);
    // An empty value removes the key.
    expect((await s2gos(home, ['c', '-c', file, '-u', ''])).code).toBe(0);
    expect(readConfigFile(file)).toEqual({ serverUrl, accessToken: TEST_TOKEN });
  });

  it('--show prints the effective configuration under the file key names, token redacted', async () => {
    await s2gos(home, ['configure', '-s', serverUrl, '-u', 'alice', '-t', TEST_TOKEN]);
    const shown = await s2gos(home, ['configure', '--show']);
    expect(shown.code).toBe(0);
    expect(parseYaml(shown.stdout)).toEqual({
      server_url: serverUrl,
      auth_type: 'token',
      user_name: 'alice',
      access_token: `****${TEST_TOKEN.slice(-4)}`,
    });
    // Overrides for one call and the environment take part, as for every other command; the
    // file's credentials stay with the file's server.
    const overridden = await s2gos(
      home,
      ['c', '--show', '-f', 'json', '-s', 'http://127.0.0.1:1234'],
      {
        env: { S2GOS_USER_NAME: 'carol' },
      },
    );
    expect(JSON.parse(overridden.stdout)).toEqual({
      server_url: 'http://127.0.0.1:1234',
      auth_type: 'none',
      user_name: 'carol',
    });
    expect(overridden.stderr).toContain(
      "Warning: The config file's credentials (auth_type, user_name, access_token) were configured for",
    );
    const global = await s2gos(home, ['-s', 'http://127.0.0.1:4321', 'configure', '--show']);
    expect(parseYaml(global.stdout).server_url).toBe('http://127.0.0.1:4321');
  });

  it('without values and without a terminal, writes nothing and exits with 1', async () => {
    const result = await s2gos(home, ['configure']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: nothing to configure: give --server, --user or --token/);
    expect(existsSync(join(home, '.s2gos'))).toBe(false);
  });

  it('rejects an invalid server URL and leaves the file as it was', async () => {
    const file = join(home, 'config');
    writeFileSync(file, '# my settings\nserver_url: http://127.0.0.1:8008\n');
    const result = await s2gos(home, ['configure', '-c', file, '-s', 'ftp://example.org']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: .*ftp:\/\/example\.org/);
    expect(readFileSync(file, 'utf8')).toBe('# my settings\nserver_url: http://127.0.0.1:8008\n');
  });
});
