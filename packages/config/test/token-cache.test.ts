import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultTokenCachePath,
  readCachedTokens,
  removeCachedTokens,
  writeCachedTokens,
} from '../src/node.js';
import { useTempDirs } from './temp-dirs.js';

const tempDir = useTempDirs();
const key = { serverUrl: 'https://s2gos.example/api', user: 'bibo', authUrl: 'https://sso/t' };
const tokens = { accessToken: 'access-0001', refreshToken: 'refresh-0001', expiresAt: 1_700_000 };

describe('token cache', () => {
  it('lives in ~/.s2gos/tokens', () => {
    expect(defaultTokenCachePath('/home/bibo')).toBe(path.join('/home/bibo', '.s2gos', 'tokens'));
  });

  it('keeps tokens per server and user, in a 0600 file', () => {
    const homeDir = tempDir();
    expect(readCachedTokens(key, { homeDir })).toBeUndefined();
    writeCachedTokens(key, tokens, { homeDir });
    writeCachedTokens({ ...key, user: 'other' }, { accessToken: 'access-0002' }, { homeDir });
    expect(readCachedTokens(key, { homeDir })).toEqual(tokens);
    expect(readCachedTokens({ ...key, user: 'other' }, { homeDir })).toEqual({
      accessToken: 'access-0002',
    });
    expect(readCachedTokens({ ...key, serverUrl: 'https://else' }, { homeDir })).toBeUndefined();
    const file = defaultTokenCachePath(homeDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['tokens']);
  });

  it('ignores tokens issued by another token endpoint', () => {
    const homeDir = tempDir();
    writeCachedTokens(key, tokens, { homeDir });
    expect(
      readCachedTokens({ ...key, authUrl: 'https://other-sso/t' }, { homeDir }),
    ).toBeUndefined();
  });

  it('treats a broken cache as empty and replaces it on the next write', () => {
    const file = path.join(tempDir(), 'tokens');
    fs.writeFileSync(file, '{ not json');
    expect(readCachedTokens(key, { file })).toBeUndefined();
    writeCachedTokens(key, tokens, { file });
    expect(readCachedTokens(key, { file })).toEqual(tokens);
  });

  it('removes one entry, or all', () => {
    const homeDir = tempDir();
    writeCachedTokens(key, tokens, { homeDir });
    writeCachedTokens({ ...key, user: 'other' }, tokens, { homeDir });
    expect(removeCachedTokens(key, { homeDir })).toBe(true);
    expect(removeCachedTokens(key, { homeDir })).toBe(false);
    expect(readCachedTokens({ ...key, user: 'other' }, { homeDir })).toEqual(tokens);
    expect(removeCachedTokens(undefined, { homeDir })).toBe(true);
    expect(readCachedTokens({ ...key, user: 'other' }, { homeDir })).toBeUndefined();
  });
});
