/**
 * The sync Client signs in like the AsyncClient, in its worker: the configuration is resolved on
 * this thread, tokens are obtained and refreshed in the worker. The provider and the server run in
 * vitest's main process (global setup).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { AsyncClient, type TokenSet } from '@s2gos/async';
import { Client, ClientError, ErrorType } from '@s2gos/sync';
import { TEST_CLIENTS, TEST_USERS } from '@s2gos/test-oidc';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { thrown } from './helpers.js';

const issuer = inject('oidcIssuer');
const serverUrl = inject('oidcServerUrl');
const PASSWORD = TEST_USERS.bibo ?? '';
const { clientId: SERVICE_ID, clientSecret: CLIENT_SECRET } = TEST_CLIENTS.service;
const login = {
  serverUrl,
  authType: 'login' as const,
  authUrl: issuer,
  userName: 'bibo',
  password: PASSWORD,
  clientId: TEST_CLIENTS.cli.clientId,
};

/** Error texts seen; searched for secrets at the end. */
const seen: string[] = [];
const secrets = new Set<string>([PASSWORD, CLIENT_SECRET]);
const clients: Client[] = [];
afterAll(() => {
  for (const client of clients) client.close();
  for (const secret of secrets) for (const text of seen) expect(text).not.toContain(secret);
});

function client(options: ConstructorParameters<typeof Client>[0]): Client {
  const created = new Client(options);
  clients.push(created);
  return created;
}

function authFailure(fn: () => unknown): ClientError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(ClientError);
  seen.push(error.message, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }));
  expect((error as ClientError).apiError.type).toBe(ErrorType.authFailed);
  return error as ClientError;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tokens of a device sign-in approved as `ernie`, obtained by an AsyncClient on this thread. */
async function deviceTokens(): Promise<TokenSet> {
  const held: TokenSet[] = [];
  const approve = (code: string) =>
    fetch(`${inject('approveDeviceUrl')}?code=${encodeURIComponent(code)}`, { method: 'POST' });
  await new AsyncClient({
    config: { serverUrl, authType: 'device', authUrl: issuer, clientId: TEST_CLIENTS.cli.clientId },
    onTokens: (tokens) => tokens && held.push(tokens),
    onDevicePrompt: (prompt) => void approve(prompt.userCode),
  }).getJobs();
  return held[0] as TokenSet;
}

describe('each auth type reaches the OIDC-verifying server', () => {
  test('login (password grant)', () => {
    expect(client({ config: login }).getProcesses().processes.length).toBeGreaterThan(0);
  });

  test('client-credentials', () => {
    const config = {
      serverUrl,
      authType: 'client-credentials' as const,
      authUrl: `${issuer}/token`,
      clientId: SERVICE_ID,
      clientSecret: CLIENT_SECRET,
    };
    expect(client({ config }).getProcesses().processes.length).toBeGreaterThan(0);
  });

  test('token: @s2gos/server --token', () => {
    const config = { serverUrl: inject('authServerUrl'), accessToken: inject('authToken') };
    expect(client({ config }).getJobs().jobs).toBeDefined();
  });
});

describe('expiry and failure', () => {
  test('a 15 s executeAndWait crosses several 2 s expiries and succeeds', () => {
    const run = client({ config: login }).executeAndWait(
      'sleep_a_while',
      { inputs: { duration: 15 } },
      { pollInterval: 500, maxPollInterval: 1000 },
    );
    expect(run.job.status).toBe('successful');
  }, 40_000);

  test('login: a revoked refresh token leads to a new sign-in (the call succeeds)', async () => {
    const held: TokenSet[] = [];
    await new AsyncClient({ config: login, onTokens: (t) => t && held.push(t) }).getJobs();
    const tokens = held[0] as TokenSet;
    await revoke(tokens.refreshToken ?? '');
    await sleep(2100);
    // The expired access token and the revoked refresh token: only a new password grant helps.
    expect(client({ config: login, tokens }).getJobs().jobs).toBeDefined();
  });

  test('device: given tokens are refreshed in the worker; revoked, a clear auth-failed', async () => {
    const tokens = await deviceTokens();
    secrets.add(tokens.accessToken).add(tokens.refreshToken ?? '');
    const config = {
      serverUrl,
      authType: 'device' as const,
      authUrl: issuer,
      clientId: TEST_CLIENTS.cli.clientId,
    };
    await sleep(2100);
    expect(client({ config, tokens }).getJobs().jobs).toBeDefined();
    await revoke(tokens.refreshToken ?? '');
    await sleep(2100);
    const error = authFailure(() => client({ config, tokens }).getJobs());
    expect(error.apiError.error).toBe('invalid_grant');
    expect(error.message).toContain('s2gos login');
  }, 30_000);

  test("a wrong password is auth-failed with the provider's description", () => {
    secrets.add('wrong-password-0a9b8c');
    const config = { ...login, password: 'wrong-password-0a9b8c' };
    const error = authFailure(() => client({ config }).getJobs());
    expect(error.apiError).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: 'Invalid user credentials',
    });
    expect(error.message).toContain('Invalid user credentials');
  });

  test('onDevicePrompt cannot cross to the worker: a clear error', () => {
    const error = thrown(
      () => new Client({ config: login, onDevicePrompt: () => undefined } as never),
    );
    expect(error).toBeInstanceOf(ClientError);
    expect(error.message).toContain('onDevicePrompt');
  });

  test('onTokens hears, on this thread, every sign-in and refresh made in the worker', async () => {
    const heard: (TokenSet | undefined)[] = [];
    const sync = client({ config: login, onTokens: (tokens) => heard.push(tokens) });
    sync.getJobs();
    expect(heard).toHaveLength(1);
    await sleep(2100);
    sync.getJobs();
    expect(heard).toHaveLength(2);
    expect(heard[1]?.accessToken).not.toBe(heard[0]?.accessToken);
    expect(heard[1]?.refreshToken).toEqual(expect.any(String));
    for (const tokens of heard) {
      secrets.add(tokens?.accessToken ?? '').add(tokens?.refreshToken ?? '');
    }
  });

  test('onTokens hears the sign-in of a downloadResults call too', async () => {
    const { job } = await new AsyncClient({ config: login }).executeAndWait('echo', {
      inputs: { value: 1 },
    });
    const heard: (TokenSet | undefined)[] = [];
    const sync = client({ config: login, onTokens: (tokens) => heard.push(tokens) });
    const dir = mkdtempSync(join(tmpdir(), 's2gos-sync-auth-download-'));
    try {
      expect(sync.downloadResults(job.jobID, { dir })).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(heard).toHaveLength(1);
    expect(heard[0]?.accessToken).toEqual(expect.any(String));
    secrets.add(heard[0]?.accessToken ?? '').add(heard[0]?.refreshToken ?? '');
  });
});

async function revoke(refreshToken: string): Promise<void> {
  const response = await fetch(`${issuer}/token/revocation`, {
    method: 'POST',
    body: new URLSearchParams({ token: refreshToken, client_id: TEST_CLIENTS.cli.clientId }),
  });
  expect(response.ok).toBe(true);
}
