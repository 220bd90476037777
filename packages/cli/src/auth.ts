import type { DevicePrompt, TokenSet } from '@s2gos/async';
import { type CredentialsOptions, createCredentials } from '@s2gos/async/internal';
import {
  type AuthType,
  type ResolvedConfig,
  readCachedTokens,
  removeCachedTokens,
  type TokenCacheKey,
  writeCachedTokens,
} from '@s2gos/config/node';
import { UsageError } from './errors.js';
import type { Runtime } from './runtime.js';

/** The auth types that sign in at a token endpoint (and so have tokens to cache). */
export const SIGN_IN_TYPES: readonly AuthType[] = ['login', 'client-credentials', 'device'];

/** Whether `config` signs in at a token endpoint. */
export function signsIn(config: ResolvedConfig): boolean {
  return SIGN_IN_TYPES.includes(config.authType);
}

/** The token cache entry of a configuration: per server and user (the client ID for services). */
export function tokenCacheKey(config: ResolvedConfig): TokenCacheKey {
  return {
    serverUrl: config.serverUrl,
    user:
      (config.authType === 'client-credentials' ? config.clientId : config.userName) ??
      config.clientId ??
      '',
    authUrl: config.authUrl ?? '',
  };
}

/**
 * The credential options of a command's client: for the sign-in types it starts from the tokens
 * cached in `~/.s2gos/tokens` and writes every renewal back (so the next command needs no
 * sign-in); nothing for the other types. Every token is registered as a secret, so no output ever
 * shows it.
 *
 * @param interactive - `device`: sign in by showing the verification URL and code (`s2gos login`)
 */
export function commandCredentials(
  rt: Runtime,
  config: ResolvedConfig,
  interactive = false,
): CredentialsOptions {
  if (!signsIn(config)) return {};
  const key = tokenCacheKey(config);
  const homeDir = rt.homeDir;
  const cached = readCachedTokens(key, { homeDir });
  if (cached) registerTokens(rt, cached);
  return {
    tokens: cached,
    onTokens: (tokens) => {
      if (tokens === undefined) {
        removeCachedTokens(key, { homeDir });
        return;
      }
      registerTokens(rt, tokens);
      writeCachedTokens(key, tokens, { homeDir });
    },
    ...(interactive
      ? { onDevicePrompt: (prompt: DevicePrompt) => showDevicePrompt(rt, prompt) }
      : {}),
  };
}

/**
 * Signs in now (`s2gos login`, and `configure` to prove new settings), caching the tokens.
 *
 * @throws `AuthError` when signing in fails, {@link UsageError} for an auth type without sign-in
 */
export async function signIn(rt: Runtime, config: ResolvedConfig): Promise<void> {
  if (!signsIn(config)) {
    throw new UsageError(
      `auth type "${config.authType}" needs no sign-in; login is for ${SIGN_IN_TYPES.join(', ')}`,
    );
  }
  const { tokenSource } = createCredentials(config, commandCredentials(rt, config, true));
  await tokenSource?.signIn();
}

/** Removes the cached tokens of `config`; returns whether there were any. */
export function signOut(rt: Runtime, config: ResolvedConfig): boolean {
  const { serverUrl, user } = tokenCacheKey(config);
  return removeCachedTokens({ serverUrl, user }, { homeDir: rt.homeDir });
}

function registerTokens(rt: Runtime, tokens: TokenSet): void {
  rt.addSecret(tokens.accessToken);
  if (tokens.refreshToken) rt.addSecret(tokens.refreshToken);
}

function showDevicePrompt(rt: Runtime, prompt: DevicePrompt): void {
  const minutes = Math.max(1, Math.round(prompt.expiresIn / 60));
  rt.note(`To sign in, open ${prompt.verificationUri} and enter the code ${prompt.userCode}`);
  if (prompt.verificationUriComplete) rt.note(`(or open ${prompt.verificationUriComplete})`);
  rt.note(`Waiting for the approval (the code expires in ${minutes} min)...`);
}
