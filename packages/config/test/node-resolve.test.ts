import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SERVER_URL, resolveConfig } from '../src/node.js';
import { putConfigFile, thrown, useTempDirs } from './temp-dirs.js';

const tempDir = useTempDirs();

const FILE = 'server_url: http://file:1\nuser_name: file-user\naccess_token: file-token\n';
const env = {
  S2GOS_SERVER_URL: 'http://env:2',
  S2GOS_USER_NAME: 'env-user',
  S2GOS_ACCESS_TOKEN: 'env-token',
};

describe('resolveConfig (node entry)', () => {
  it('uses the default when there is no config file', () => {
    expect(resolveConfig({ env: {}, homeDir: tempDir() })).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      authType: 'none',
    });
  });

  it('reads ~/.s2gos/config for the file step', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, FILE);
    expect(resolveConfig({ env: {}, homeDir })).toEqual({
      serverUrl: 'http://file:1',
      userName: 'file-user',
      accessToken: 'file-token',
      authType: 'token',
    });
  });

  it('reads configPath instead when given', () => {
    const other = putConfigFile(tempDir(), 'user_name: other-user\n');
    const homeDir = tempDir();
    putConfigFile(homeDir, FILE);
    expect(resolveConfig({ env: {}, homeDir, configPath: other })).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      userName: 'other-user',
      authType: 'none',
    });
  });

  it('puts environment over file and arguments over environment', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, FILE);
    expect(resolveConfig({ env: { S2GOS_USER_NAME: 'env-user' }, homeDir })).toEqual({
      serverUrl: 'http://file:1',
      userName: 'env-user',
      accessToken: 'file-token',
      authType: 'token',
    });
    expect(resolveConfig({ accessToken: 'arg-token', env, homeDir })).toEqual({
      serverUrl: 'http://env:2',
      userName: 'env-user',
      accessToken: 'arg-token',
      authType: 'token',
    });
  });

  it('lets empty strings in arguments and environment fall through to the file', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, FILE);
    expect(
      resolveConfig({ userName: '', env: { S2GOS_USER_NAME: '' }, homeDir, configPath: '' }),
    ).toMatchObject({ userName: 'file-user' });
  });

  it('uses `config` as it is without reading the file, even a broken one', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, 'server_url: [broken\n');
    expect(resolveConfig({ config: { userName: 'config-user' }, env, homeDir })).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      userName: 'config-user',
      authType: 'none',
    });
  });

  it('reports a broken file even when arguments supply every value', () => {
    const homeDir = tempDir();
    const file = putConfigFile(homeDir, 'server_url: 42\n');
    const error = thrown(() =>
      resolveConfig({ serverUrl: 'http://a', userName: 'u', accessToken: 't', env: {}, homeDir }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(file);
  });

  it('names the file for a bad server URL in it', () => {
    const homeDir = tempDir();
    putConfigFile(homeDir, 'server_url: file:///etc/passwd\n');
    expect(() => resolveConfig({ env: {}, homeDir })).toThrow(
      `Invalid config file ${path.join(homeDir, '.s2gos', 'config')} (line 1, column 13): server_url: expected an http(s) URL, got "file:///etc/passwd"`,
    );
  });

  it('names the environment variable for a bad server URL from the environment', () => {
    expect(() =>
      resolveConfig({ env: { S2GOS_SERVER_URL: 'ws://x' }, homeDir: tempDir() }),
    ).toThrow(
      'Invalid environment variable S2GOS_SERVER_URL: expected an http(s) URL, got "ws://x"',
    );
  });
});
