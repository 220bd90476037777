import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';
import { ConfigError } from './errors.js';

/** OAuth2 tokens as kept between commands. Secrets: never print them. */
export interface CachedTokens {
  /** The access token. */
  accessToken: string;
  /** The refresh token, when the token endpoint gave one. */
  refreshToken?: string;
  /** When the access token expires, in milliseconds since the epoch, when known. */
  expiresAt?: number;
}

/** Whose tokens: one entry per server, user and token endpoint. */
export interface TokenCacheKey {
  /** The server URL the tokens are for. */
  serverUrl: string;
  /** The user name or client ID that signed in. */
  user: string;
  /** The token endpoint or issuer that issued them; an entry from another one is not used. */
  authUrl: string;
}

/** Where the token cache lives. */
export interface TokenCacheOptions {
  /** Path of the cache file; default {@link defaultTokenCachePath}. */
  file?: string;
  /** Home directory for the default path; defaults to `os.homedir()`. */
  homeDir?: string;
}

interface CacheEntry extends CachedTokens {
  authUrl: string;
}

interface CacheFile {
  version: 1;
  tokens: Record<string, CacheEntry>;
}

/**
 * The token cache of `s2gos login`: `<homeDir>/.s2gos/tokens`.
 *
 * @param homeDir - defaults to `os.homedir()`
 */
export function defaultTokenCachePath(homeDir: string = os.homedir()): string {
  return path.join(homeDir, '.s2gos', 'tokens');
}

/**
 * The cached tokens of `key`, or `undefined` when there are none, they came from another token
 * endpoint, or the cache cannot be read (it is only a cache: a broken one means signing in again).
 */
export function readCachedTokens(
  key: TokenCacheKey,
  options: TokenCacheOptions = {},
): CachedTokens | undefined {
  const entry = readCache(cachePath(options)).tokens[entryName(key)];
  if (entry === undefined || entry.authUrl !== key.authUrl) return undefined;
  const { authUrl: _, ...tokens } = entry;
  return tokens;
}

/**
 * Stores the tokens of `key`, replacing the cache file atomically (mode 0600, folder 0700).
 *
 * @throws {@link ConfigError} when the file cannot be written, naming it (never a token)
 */
export function writeCachedTokens(
  key: TokenCacheKey,
  tokens: CachedTokens,
  options: TokenCacheOptions = {},
): void {
  const file = cachePath(options);
  const cache = readCache(file);
  const { accessToken, refreshToken, expiresAt } = tokens;
  cache.tokens[entryName(key)] = {
    authUrl: key.authUrl,
    accessToken,
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
  writeCache(file, cache);
}

/**
 * Removes the cached tokens of `key`, or every entry when `key` is omitted (`s2gos logout --all`).
 * Returns whether anything was removed.
 *
 * @throws {@link ConfigError} when the file cannot be written
 */
export function removeCachedTokens(
  key?: Omit<TokenCacheKey, 'authUrl'>,
  options: TokenCacheOptions = {},
): boolean {
  const file = cachePath(options);
  const cache = readCache(file);
  const names = key === undefined ? Object.keys(cache.tokens) : [entryName(key)];
  const present = names.filter((name) => name in cache.tokens);
  if (present.length === 0) return false;
  for (const name of present) delete cache.tokens[name];
  writeCache(file, cache);
  return true;
}

function cachePath(options: TokenCacheOptions): string {
  return path.resolve(options.file || defaultTokenCachePath(options.homeDir));
}

function entryName(key: Omit<TokenCacheKey, 'authUrl'>): string {
  return JSON.stringify([key.serverUrl, key.user]);
}

function readCache(file: string): CacheFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { version: 1, tokens: {} };
  }
  const tokens = (parsed as Partial<CacheFile> | null)?.tokens;
  if (typeof tokens !== 'object' || tokens === null) return { version: 1, tokens: {} };
  const valid = Object.entries(tokens).filter(
    ([, entry]) =>
      typeof entry?.accessToken === 'string' &&
      typeof entry.authUrl === 'string' &&
      (entry.refreshToken === undefined || typeof entry.refreshToken === 'string') &&
      (entry.expiresAt === undefined || typeof entry.expiresAt === 'number'),
  );
  return { version: 1, tokens: Object.fromEntries(valid) };
}

function writeCache(file: string, cache: CacheFile): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileAtomicSync(file, `${JSON.stringify(cache, null, 2)}\n`, 0o600);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot write token cache ${file}: ${reason}`, { file, cause: error });
  }
}
