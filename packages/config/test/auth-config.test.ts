import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ConfigWarning,
  loadConfigFile,
  pythonConfigPath,
  readConfigFile,
  redactConfig,
  resolveConfig,
  toFileKeys,
  writeConfigFile,
} from '../src/node.js';
import { putConfigFile, thrown, useTempDirs } from './temp-dirs.js';

const tempDir = useTempDirs();

const SECRETS = {
  password: 'pw-secret-4711-abc',
  clientSecret: 'cs-secret-0815-def',
  accessToken: 'at-secret-1234-ghi',
  apiKey: 'ak-secret-5678-jkl',
};

function putPythonFile(home: string, text: string): string {
  const file = pythonConfigPath(home);
  fs.writeFileSync(file, text);
  return file;
}

describe('auth fields from the environment', () => {
  it('reads S2GOS_<FIELD> for every field', () => {
    const env = {
      S2GOS_SERVER_URL: 'https://s2gos.example/api',
      S2GOS_AUTH_TYPE: 'login',
      S2GOS_AUTH_URL: 'https://sso.example/token',
      S2GOS_USER_NAME: 'bibo',
      S2GOS_PASSWORD: SECRETS.password,
      S2GOS_CLIENT_ID: 'cli',
      S2GOS_CLIENT_SECRET: SECRETS.clientSecret,
      S2GOS_USE_BEARER: 'false',
      S2GOS_TOKEN_HEADER: 'X-Token',
      S2GOS_API_KEY_HEADER: 'X-Key',
    };
    expect(resolveConfig({ env, homeDir: tempDir() })).toEqual({
      serverUrl: 'https://s2gos.example/api',
      authType: 'login',
      authUrl: 'https://sso.example/token',
      userName: 'bibo',
      password: SECRETS.password,
      clientId: 'cli',
      clientSecret: SECRETS.clientSecret,
      useBearer: false,
      tokenHeader: 'X-Token',
      apiKeyHeader: 'X-Key',
    });
  });

  it("reads the Python client's aliases, the primary names winning", () => {
    const env = {
      S2GOS_API_URL: 'https://alias.example',
      S2GOS_USERNAME: 'alias-user',
      S2GOS_TOKEN: 'alias-token-0123',
    };
    expect(resolveConfig({ env, homeDir: tempDir() })).toEqual({
      serverUrl: 'https://alias.example',
      userName: 'alias-user',
      accessToken: 'alias-token-0123',
      authType: 'token',
    });
    expect(
      resolveConfig({ env: { ...env, S2GOS_USER_NAME: 'primary' }, homeDir: tempDir() }).userName,
    ).toBe('primary');
  });

  it('names the variable actually used in errors', () => {
    expect(() => resolveConfig({ env: { S2GOS_API_URL: 'ftp://x' }, homeDir: tempDir() })).toThrow(
      'Invalid environment variable S2GOS_API_URL: expected an http(s) URL',
    );
    expect(() => resolveConfig({ env: { S2GOS_USE_BEARER: 'maybe' }, homeDir: tempDir() })).toThrow(
      'Invalid environment variable S2GOS_USE_BEARER: expected true or false, got "maybe"',
    );
    expect(() => resolveConfig({ env: { S2GOS_AUTH_TYPE: 'oauth' }, homeDir: tempDir() })).toThrow(
      'Invalid environment variable S2GOS_AUTH_TYPE: expected one of none, token, basic, api-key, login, client-credentials, device, got "oauth"',
    );
  });
});

describe('the auth type', () => {
  it('is implied by a token or API key of the same level', () => {
    const homeDir = tempDir();
    putConfigFile(
      homeDir,
      `auth_type: login\nauth_url: https://sso.example/t\nuser_name: u\npassword: ${SECRETS.password}\n`,
    );
    expect(resolveConfig({ env: {}, homeDir }).authType).toBe('login');
    expect(resolveConfig({ env: { S2GOS_ACCESS_TOKEN: 'env-token-1' }, homeDir }).authType).toBe(
      'token',
    );
    expect(resolveConfig({ apiKey: SECRETS.apiKey, env: {}, homeDir }).authType).toBe('api-key');
  });

  it.each([
    [{ authType: 'token' }, 'Auth type "token" needs accessToken'],
    [{ authType: 'basic', userName: 'u' }, 'Auth type "basic" needs password'],
    [{ authType: 'api-key' }, 'Auth type "api-key" needs apiKey'],
    [{ authType: 'login', userName: 'u', password: 'p' }, 'Auth type "login" needs authUrl'],
    [
      { authType: 'client-credentials', authUrl: 'https://sso/t', clientId: 'c' },
      'Auth type "client-credentials" needs clientSecret',
    ],
    [{ authType: 'device', authUrl: 'https://sso' }, 'Auth type "device" needs clientId'],
  ] as const)('is a ConfigError naming the missing field: %j', (config, message) => {
    const error = thrown(() => resolveConfig({ ...config, env: {}, homeDir: tempDir() }));
    expect((error as Error).name).toBe('ConfigError');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toMatch(/set \w+ in the config file, S2GOS_\w+ in the env/);
  });
});

describe('credentials belong to their server', () => {
  const FILE = `server_url: https://s2gos.example/api\nauth_type: token\naccess_token: ${SECRETS.accessToken}\nuser_name: bibo\n`;

  it("leaves out the file's credentials for a server of another origin, and says so", () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, FILE);
    const warnings: ConfigWarning[] = [];
    const config = resolveConfig({
      serverUrl: 'http://127.0.0.1:9999',
      env: {},
      homeDir,
      onWarning: (warning) => warnings.push(warning),
    });
    expect(config).toEqual({ serverUrl: 'http://127.0.0.1:9999', authType: 'none' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      kind: 'credentials-dropped',
      serverUrl: 'http://127.0.0.1:9999',
      fileServerUrl: 'https://s2gos.example/api',
      keys: ['authType', 'userName', 'accessToken'],
    });
    expect(warnings[0]?.message).toBe(
      "The config file's credentials (auth_type, user_name, access_token) were configured for https://s2gos.example, not for http://127.0.0.1:9999: not using them.",
    );
  });

  it('does the same for a server URL from the environment', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, FILE);
    const config = resolveConfig({ env: { S2GOS_SERVER_URL: 'https://other.example' }, homeDir });
    expect(config.accessToken).toBeUndefined();
  });

  it('keeps them for another path on the same origin', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, FILE);
    const config = resolveConfig({ serverUrl: 'https://s2gos.example/v2', env: {}, homeDir });
    expect(config.accessToken).toBe(SECRETS.accessToken);
  });

  it('binds credentials of a file without server_url to the default server', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, `access_token: ${SECRETS.accessToken}\n`);
    expect(resolveConfig({ env: {}, homeDir }).accessToken).toBe(SECRETS.accessToken);
    expect(
      resolveConfig({ serverUrl: 'https://s2gos.example', env: {}, homeDir }).accessToken,
    ).toBeUndefined();
  });

  it('sends credentials given beside the server URL with it', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, FILE);
    const config = resolveConfig({
      env: { S2GOS_SERVER_URL: 'https://other.example', S2GOS_ACCESS_TOKEN: 'env-token-0001' },
      homeDir,
    });
    expect(config).toEqual({
      serverUrl: 'https://other.example',
      accessToken: 'env-token-0001',
      authType: 'token',
    });
  });
});

describe('config files', () => {
  it("reads the Python client's ~/.s2gos-client with its key names when ~/.s2gos/config is missing", () => {
    const homeDir = tempDir();
    const file = putPythonFile(
      homeDir,
      'api_url: https://s2gos.example/api\nauth_type: login\nauth_url: https://sso.example/token\n' +
        `username: bibo\npassword: ${SECRETS.password}\nclient_id: cli\nuse_bearer: false\ntoken_header: X-T\n`,
    );
    expect(loadConfigFile(undefined, { homeDir })).toEqual({
      file,
      config: {
        serverUrl: 'https://s2gos.example/api',
        authType: 'login',
        authUrl: 'https://sso.example/token',
        userName: 'bibo',
        password: SECRETS.password,
        clientId: 'cli',
        useBearer: false,
        tokenHeader: 'X-T',
      },
      unknownKeys: [],
    });
    putConfigFile(homeDir, 'user_name: ours\n');
    expect(readConfigFile(undefined, { homeDir })).toEqual({ userName: 'ours' });
  });

  it('accepts both spellings in either file, and rejects two different values', () => {
    const home = tempDir();
    const file = putConfigFile(home, 'api_url: https://a.example\ntoken: abc\nusername: u\n');
    expect(readConfigFile(file)).toEqual({
      serverUrl: 'https://a.example',
      accessToken: 'abc',
      userName: 'u',
    });
    fs.writeFileSync(file, 'user_name: u\nusername: v\n');
    expect(() => readConfigFile(file)).toThrow(
      `Invalid config file ${file} (line 2, column 11): username and user_name differ: keep one of them`,
    );
  });

  it('names unknown keys in a warning', () => {
    const homeDir = tempDir();
    const file = putConfigFile(homeDir, 'user_name: u\nauth-type: login\nserverurl: x\n');
    const warnings: ConfigWarning[] = [];
    resolveConfig({ env: {}, homeDir, onWarning: (warning) => warnings.push(warning) });
    expect(warnings).toEqual([
      {
        kind: 'unknown-keys',
        file,
        keys: ['auth-type', 'serverurl'],
        message: `Config file ${file} has keys that mean nothing here (a typo?): auth-type, serverurl.`,
      },
    ]);
  });

  it('writes snake_case keys, booleans and no duplicate spelling, with mode 0600', () => {
    const home = tempDir();
    const file = putConfigFile(home, '# mine\nusername: bibo # me\ntoken: old\n');
    writeConfigFile(
      {
        authType: 'login',
        authUrl: 'https://sso.example/token',
        password: SECRETS.password,
        clientId: 'cli',
        clientSecret: SECRETS.clientSecret,
        accessToken: '',
        useBearer: false,
        userName: 'bibo',
      },
      file,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(
      `# mine\nuser_name: bibo # me\nauth_type: login\nauth_url: https://sso.example/token\npassword: ${SECRETS.password}\n` +
        `client_id: cli\nclient_secret: ${SECRETS.clientSecret}\nuse_bearer: false\n`,
    );
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readConfigFile(file).useBearer).toBe(false);
  });

  it('reads use_bearer as YAML booleans and as words', () => {
    const file = path.join(tempDir(), 'c');
    fs.writeFileSync(file, 'use_bearer: no\n');
    expect(readConfigFile(file)).toEqual({ useBearer: false });
    fs.writeFileSync(file, 'use_bearer: "true"\n');
    expect(readConfigFile(file)).toEqual({ useBearer: true });
    fs.writeFileSync(file, 'use_bearer: 3\n');
    expect(() => readConfigFile(file)).toThrow('use_bearer: expected true or false, got a number');
  });
});

describe('showing a config', () => {
  it('redacts every secret and shows it under the file key names', () => {
    const shown = toFileKeys(
      redactConfig({
        serverUrl: 'https://x.example',
        userName: 'bibo',
        useBearer: false,
        ...SECRETS,
      }),
    );
    expect(shown).toEqual({
      server_url: 'https://x.example',
      user_name: 'bibo',
      password: '****',
      client_secret: '****-def',
      access_token: '****-ghi',
      use_bearer: false,
      api_key: '****-jkl',
    });
    for (const secret of Object.values(SECRETS)) {
      expect(JSON.stringify(shown)).not.toContain(secret);
    }
  });
});
