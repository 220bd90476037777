import { PassThrough } from 'node:stream';
import { createCredentials } from '@s2gos/async/internal';
import { readCachedTokens } from '@s2gos/config/node';
import { type RunningServer, startServer } from '@s2gos/server';
import {
  startOidcProvider,
  TEST_CLIENTS,
  TEST_USERS,
  type TestOidcProvider,
} from '@s2gos/test-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandCredentials, signIn, tokenCacheKey } from '../src/auth.js';
import { Runtime } from '../src/runtime.js';
import { makeHome, removeHome } from './cli.js';

let oidc: TestOidcProvider;
let server: RunningServer;
let home: string;

beforeAll(async () => {
  oidc = await startOidcProvider({ accessTokenTtl: 2 });
  server = await startServer({ port: 0, oidcIssuer: oidc.issuer, audience: oidc.audience });
  home = makeHome();
});
afterAll(async () => {
  removeHome(home);
  await server?.close();
  await oidc?.close();
});

function runtime(): { rt: Runtime; stderr: () => string } {
  const err = new PassThrough();
  let text = '';
  err.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const rt = new Runtime({
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: err,
    env: { HOME: home },
  });
  return { rt, stderr: () => text };
}

const config = () => ({
  serverUrl: server.url,
  authType: 'login' as const,
  authUrl: oidc.issuer,
  userName: 'bibo',
  password: TEST_USERS.bibo ?? '',
  clientId: TEST_CLIENTS.cli.clientId,
});

async function status(header: readonly [string, string] | undefined): Promise<number> {
  const response = await fetch(`${server.url}/processes`, {
    headers: header ? { [header[0]]: header[1] } : {},
  });
  await response.body?.cancel();
  return response.status;
}

describe('commandCredentials', () => {
  it('starts from the tokens cached by login, refreshes them when due and rewrites the cache', async () => {
    await signIn(runtime().rt, config());
    const key = tokenCacheKey(config());
    const cached = readCachedTokens(key, { homeDir: home });
    expect(cached?.accessToken).toEqual(expect.any(String));

    // A later command: no new sign-in while the cached token lasts.
    const passwordGrants = oidc.grants.password?.success ?? 0;
    const { rt } = runtime();
    const credentials = createCredentials(config(), commandCredentials(rt, config()));
    const header = await credentials.header();
    expect(await status(header)).toBe(200);
    expect(oidc.grants.password?.success).toBe(passwordGrants);

    // After expiry: one refresh, and the cache holds the new tokens.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const renewed = await credentials.header();
    expect(renewed?.[1]).not.toBe(header?.[1]);
    expect(await status(renewed)).toBe(200);
    expect(`Bearer ${readCachedTokens(key, { homeDir: home })?.accessToken}`).toBe(renewed?.[1]);
    expect(oidc.grants.password?.success).toBe(passwordGrants);

    // Every token is a registered secret: never printed.
    const token = readCachedTokens(key, { homeDir: home })?.accessToken ?? '';
    expect(rt.redact(`x ${token} y`)).not.toContain(token);
  });
});
