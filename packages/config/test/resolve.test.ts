import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, DEFAULT_SERVER_URL, resolveConfig } from '../src/index.js';
import { thrown } from './temp-dirs.js';

const fileConfig = { serverUrl: 'http://file:1', userName: 'file-user', accessToken: 'file-token' };
const env = {
  S2GOS_SERVER_URL: 'http://env:2',
  S2GOS_USER_NAME: 'env-user',
  S2GOS_ACCESS_TOKEN: 'env-token',
};
const args = { serverUrl: 'http://arg:3', userName: 'arg-user', accessToken: 'arg-token' };

describe('resolveConfig precedence (browser entry)', () => {
  it('uses the default server URL when nothing is given', () => {
    expect(resolveConfig({ env: {} })).toEqual({ serverUrl: DEFAULT_SERVER_URL, authType: 'none' });
    expect(DEFAULT_SERVER_URL).toBe('http://127.0.0.1:8008');
  });

  it('takes the file values over the default', () => {
    expect(resolveConfig({ env: {}, fileConfig })).toEqual({ ...fileConfig, authType: 'token' });
  });

  it('takes the environment over the file', () => {
    expect(resolveConfig({ env, fileConfig })).toEqual({
      serverUrl: 'http://env:2',
      userName: 'env-user',
      accessToken: 'env-token',
      authType: 'token',
    });
  });

  it('takes explicit arguments over the environment', () => {
    expect(resolveConfig({ ...args, env, fileConfig })).toEqual({ ...args, authType: 'token' });
  });

  it('resolves each key on its own', () => {
    const resolved = resolveConfig({
      userName: 'arg-user',
      env: { S2GOS_ACCESS_TOKEN: 'env-token' },
      fileConfig: { serverUrl: 'https://file.example/api' },
    });
    expect(resolved).toEqual({
      serverUrl: 'https://file.example/api',
      userName: 'arg-user',
      accessToken: 'env-token',
      authType: 'token',
    });
  });

  it('never lets an empty string override, at any level', () => {
    const empty = { serverUrl: '', userName: '', accessToken: '' };
    const emptyEnv = { S2GOS_SERVER_URL: '', S2GOS_USER_NAME: '', S2GOS_ACCESS_TOKEN: '' };
    expect(resolveConfig({ ...empty, env: emptyEnv, fileConfig })).toEqual({
      ...fileConfig,
      authType: 'token',
    });
    expect(resolveConfig({ ...empty, env, fileConfig })).toMatchObject({ userName: 'env-user' });
    expect(resolveConfig({ ...empty, env: emptyEnv, fileConfig: empty })).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      authType: 'none',
    });
  });

  it('uses `config` as it is, ignoring every other option', () => {
    const config = { serverUrl: 'http://config:4', userName: 'config-user' };
    expect(resolveConfig({ config, ...args, env, fileConfig })).toEqual({
      ...config,
      authType: 'none',
    });
  });

  it('fills in only the default server URL for `config`', () => {
    expect(resolveConfig({ config: { accessToken: 'config-token' }, ...args, env })).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      accessToken: 'config-token',
      authType: 'token',
    });
    expect(resolveConfig({ config: { serverUrl: '', userName: '' }, env })).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      authType: 'none',
    });
  });

  it('leaves the given config object alone', () => {
    const config = { accessToken: 'config-token' };
    resolveConfig({ config });
    expect(config).toEqual({ accessToken: 'config-token' });
  });

  describe('without an `env` option', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('reads process.env', () => {
      vi.stubEnv('S2GOS_SERVER_URL', 'https://process-env.example');
      vi.stubEnv('S2GOS_USER_NAME', '');
      vi.stubEnv('S2GOS_ACCESS_TOKEN', '');
      const fileConfig = { serverUrl: 'https://process-env.example/api', userName: 'file-user' };
      expect(resolveConfig({ fileConfig })).toEqual({
        serverUrl: 'https://process-env.example',
        userName: 'file-user',
        authType: 'none',
      });
    });
  });
});

describe('resolveConfig validation', () => {
  it.each([
    ['serverUrl argument', { serverUrl: 'ftp://arg.example' }],
    ['environment variable S2GOS_SERVER_URL', { env: { S2GOS_SERVER_URL: 'ftp://env.example' } }],
    ['fileConfig.serverUrl', { env: {}, fileConfig: { serverUrl: 'ftp://file.example' } }],
    ['config.serverUrl', { config: { serverUrl: 'ftp://config.example' } }],
  ])('rejects a non-http(s) URL from the %s, naming it', (origin, options) => {
    const error = thrown(() => resolveConfig(options));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      new RegExp(`^Invalid ${origin}: expected an http\\(s\\) URL, got "ftp://`),
    );
  });

  it.each([
    ['localhost:8008', 'did you mean "http://localhost:8008"?'],
    ['127.0.0.1:8008', 'did you mean "http://127.0.0.1:8008"?'],
    ['not a url', 'got "not a url"'],
  ])('explains what is wrong with %j', (serverUrl, expected) => {
    expect(() => resolveConfig({ serverUrl })).toThrow(expected);
  });

  it('hides a password in a server URL it quotes', () => {
    const error = thrown(() => resolveConfig({ serverUrl: 'ftp://me:secret-pw@host' }));
    expect((error as Error).message).toContain('ftp://me:****@host');
    expect((error as Error).message).not.toContain('secret-pw');
  });

  it('checks only the value that wins', () => {
    expect(
      resolveConfig({ serverUrl: 'http://arg:3', env: { S2GOS_SERVER_URL: 'ftp://env' } }),
    ).toEqual({ serverUrl: 'http://arg:3', authType: 'none' });
  });

  it('rejects values that are not strings (JavaScript callers), without quoting them', () => {
    const options = { accessToken: 12345678 } as unknown as { accessToken: string };
    const error = thrown(() => resolveConfig(options));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'Invalid accessToken argument: expected a string, got a number',
    );
  });

  it('never puts the token in a message', () => {
    const token = 'tok-0123456789-secret';
    const error = thrown(() =>
      resolveConfig({ accessToken: token, serverUrl: 'mailto:x', env: {} }),
    ) as Error;
    expect(error.message).not.toContain(token);
  });
});
