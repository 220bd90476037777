import { type RunningServer, startServer } from '@s2gos/server';
import {
  startOidcProvider,
  TEST_CLIENTS,
  TEST_USERS,
  type TestOidcProvider,
} from '@s2gos/test-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthError,
  createCredentials,
  createTokenSource,
  type DevicePrompt,
  type TokenSet,
  type TokenSourceOptions,
} from '../../src/auth/index.js';

const PASSWORD = TEST_USERS.bibo ?? '';
const { clientSecret: CLIENT_SECRET } = TEST_CLIENTS.service;

let oidc: TestOidcProvider;
let server: RunningServer;
/** Every message of every error seen, searched for secrets at the end. */
const messages: string[] = [];

beforeAll(async () => {
  oidc = await startOidcProvider({ accessTokenTtl: 2 });
  server = await startServer({ port: 0, oidcIssuer: oidc.issuer, audience: oidc.audience });
});
afterAll(async () => {
  await server?.close();
  await oidc?.close();
});

function login(overrides: Partial<TokenSourceOptions> = {}) {
  return createTokenSource({
    authType: 'login',
    authUrl: oidc.issuer,
    userName: 'bibo',
    password: PASSWORD,
    clientId: TEST_CLIENTS.cli.clientId,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AuthError);
  messages.push((error as Error).message);
  return error as AuthError;
}

async function status(token: string): Promise<number> {
  const response = await fetch(`${server.url}/processes`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await response.body?.cancel();
  return response.status;
}

const grantCount = (type: string) => oidc.grants[type]?.success ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('login (password grant)', () => {
  it('signs in at the discovered token endpoint; the server accepts the token', async () => {
    const tokens: (TokenSet | undefined)[] = [];
    const source = login({ onTokens: (t) => tokens.push(t) });
    const token = await source.getToken();
    expect(await status(token)).toBe(200);
    expect(await source.getToken()).toBe(token);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ accessToken: token, refreshToken: expect.any(String) });
  });

  it('takes the token endpoint itself as authUrl', async () => {
    const source = login({ authUrl: oidc.tokenEndpoint });
    expect(await status(await source.getToken())).toBe(200);
  });

  it('refreshes shortly before expiry, and keeps working across many expiries', async () => {
    const source = login();
    const before = grantCount('refresh_token');
    const seen = new Set<string>();
    const end = Date.now() + 6500;
    while (Date.now() < end) {
      const token = await source.getToken();
      seen.add(token);
      expect(await status(token)).toBe(200);
      await sleep(250);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(grantCount('refresh_token') - before).toBe(seen.size - 1);
  });

  it('shares one refresh among concurrent callers', async () => {
    const source = login();
    const first = await source.getToken();
    await sleep(2100); // past expiry
    const before = grantCount('refresh_token');
    const tokens = await Promise.all(Array.from({ length: 10 }, () => source.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
    expect(grantCount('refresh_token') - before).toBe(1);
  });

  it('refreshes once after a 401, however many callers report it', async () => {
    const source = login();
    const token = await source.getToken();
    const before = grantCount('refresh_token');
    const renewed = await Promise.all(Array.from({ length: 5 }, () => source.tokenRejected(token)));
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(token);
    expect(grantCount('refresh_token') - before).toBe(1);
    // A report about the replaced token does not refresh again.
    expect(await source.tokenRejected(token)).toBe(renewed[0]);
    expect(grantCount('refresh_token') - before).toBe(1);
  });

  it('signs in again when the refresh token was revoked', async () => {
    const source = login();
    const token = await source.getToken();
    await oidc.revokeRefreshToken(source.tokens?.refreshToken ?? '');
    const before = grantCount('password');
    const renewed = await source.tokenRejected(token);
    expect(await status(renewed)).toBe(200);
    expect(grantCount('password') - before).toBe(1);
  });

  it("fails a wrong password with the provider's error and description, and the next step", async () => {
    const error = await failure(login({ password: 'wrong-password-123' }).getToken());
    expect(error.failure).toEqual({
      authType: 'login',
      stage: 'login',
      endpoint: oidc.tokenEndpoint,
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'Invalid user credentials',
      hint: 'Check user_name, password and client_id ("s2gos configure").',
    });
    expect(error.message).toBe(
      `Signing in (login) at ${oidc.tokenEndpoint} failed: invalid_grant (Invalid user credentials). Check user_name, password and client_id ("s2gos configure").`,
    );
    expect(error.message).not.toContain('wrong-password-123');
  });

  it('starts from cached tokens without signing in', async () => {
    const cached = await login().signIn();
    const before = grantCount('password');
    const source = login({ tokens: cached, password: undefined });
    expect(await status(await source.getToken())).toBe(200);
    expect(grantCount('password')).toBe(before);
  });
});

describe('client-credentials', () => {
  const service = (overrides: Partial<TokenSourceOptions> = {}) =>
    createTokenSource({
      authType: 'client-credentials',
      authUrl: oidc.issuer,
      clientId: TEST_CLIENTS.service.clientId,
      clientSecret: CLIENT_SECRET,
      ...overrides,
    });

  it('signs in, and signs in again after a 401 (there is no refresh token)', async () => {
    const source = service();
    const token = await source.getToken();
    expect(await status(token)).toBe(200);
    const before = grantCount('client_credentials');
    const renewed = await source.tokenRejected(token);
    expect(renewed).not.toBe(token);
    expect(grantCount('client_credentials') - before).toBe(1);
  });

  it('fails a wrong secret with the endpoint error', async () => {
    const error = await failure(service({ clientSecret: 'wrong-secret-xyz' }).getToken());
    expect(error.failure).toMatchObject({ status: 401, error: 'invalid_client' });
    expect(error.message).not.toContain('wrong-secret-xyz');
  });
});

describe('device', () => {
  const device = (overrides: Partial<TokenSourceOptions> = {}) =>
    createTokenSource({
      authType: 'device',
      authUrl: oidc.issuer,
      clientId: TEST_CLIENTS.cli.clientId,
      ...overrides,
    });

  it('shows the user code, waits for approval, then refreshes', async () => {
    const prompts: DevicePrompt[] = [];
    const source = device({
      onDevicePrompt: (prompt) => {
        prompts.push(prompt);
        void oidc.approveDevice(prompt.userCode, 'ernie');
      },
    });
    const token = await source.getToken();
    expect(prompts).toEqual([
      {
        verificationUri: `${oidc.issuer}/device`,
        verificationUriComplete: expect.stringContaining(`${oidc.issuer}/device?user_code=`),
        userCode: expect.stringMatching(/^\w{4}-\w{4}$/),
        expiresIn: expect.any(Number),
      },
    ]);
    expect(await status(token)).toBe(200);
    const renewed = await source.tokenRejected(token);
    expect(await status(renewed)).toBe(200);
  });

  it('fails a denied sign-in with access_denied', async () => {
    const source = device({ onDevicePrompt: (prompt) => void oidc.denyDevice(prompt.userCode) });
    const error = await failure(source.getToken());
    expect(error.failure).toMatchObject({ stage: 'device-approval', error: 'access_denied' });
  });

  it('without a prompt, a revoked refresh token ends in auth-failed data telling to run s2gos login', async () => {
    const signedIn = device({
      onDevicePrompt: (prompt) => void oidc.approveDevice(prompt.userCode, 'ernie'),
    });
    const tokens = await signedIn.signIn();
    await oidc.revokeRefreshToken(tokens.refreshToken ?? '');
    const forgotten: (TokenSet | undefined)[] = [];
    const source = device({ tokens, onTokens: (t) => forgotten.push(t) });
    const error = await failure(source.tokenRejected(tokens.accessToken));
    expect(error.failure).toMatchObject({
      authType: 'device',
      stage: 'refresh',
      error: 'invalid_grant',
      hint: 'Run "s2gos login" to sign in again.',
    });
    expect(forgotten).toEqual([undefined]);
    const again = await failure(source.getToken());
    expect(again.failure).toMatchObject({ stage: 'login', hint: 'Run "s2gos login" to sign in.' });
  });
});

describe('failures', () => {
  it('reports an unreachable token endpoint, never the password', async () => {
    const error = await failure(
      login({ authUrl: 'http://127.0.0.1:9/token', timeout: 5000 }).getToken(),
    );
    expect(error.failure).toMatchObject({ stage: 'discovery', unreachable: true });
    expect(error.message).toContain('could not be reached');
  });

  it('never puts a secret in any message', () => {
    expect(messages.length).toBeGreaterThan(5);
    for (const message of messages) {
      for (const secret of [PASSWORD, CLIENT_SECRET, 'wrong-password-123', 'wrong-secret-xyz']) {
        expect(message).not.toContain(secret);
      }
    }
  });
});

describe('createCredentials', () => {
  const base = { serverUrl: 'http://127.0.0.1:1' };

  it('gives each static auth type its header', async () => {
    const header = (config: Parameters<typeof createCredentials>[0]) =>
      createCredentials(config).header();
    expect(await header({ ...base, authType: 'none' })).toBeUndefined();
    expect(await header({ ...base, authType: 'token', accessToken: 'tok' })).toEqual([
      'Authorization',
      'Bearer tok',
    ]);
    expect(
      await header({ ...base, authType: 'token', accessToken: 'tok', useBearer: false }),
    ).toEqual(['X-Auth-Token', 'tok']);
    expect(
      await header({
        ...base,
        authType: 'token',
        accessToken: 'tok',
        useBearer: false,
        tokenHeader: 'X-T',
      }),
    ).toEqual(['X-T', 'tok']);
    expect(
      await header({ ...base, authType: 'basic', userName: 'bïbo', password: 'pä:ss' }),
    ).toEqual(['Authorization', `Basic ${Buffer.from('bïbo:pä:ss').toString('base64')}`]);
    expect(await header({ ...base, authType: 'api-key', apiKey: 'k' })).toEqual(['X-API-Key', 'k']);
    expect(
      await header({ ...base, authType: 'api-key', apiKey: 'k', apiKeyHeader: 'Api-Key' }),
    ).toEqual(['Api-Key', 'k']);
  });

  it('gives OAuth2 types a token header, renewed after a 401', async () => {
    const credentials = createCredentials({
      serverUrl: server.url,
      authType: 'client-credentials',
      authUrl: oidc.issuer,
      clientId: TEST_CLIENTS.service.clientId,
      clientSecret: CLIENT_SECRET,
      useBearer: false,
      tokenHeader: 'X-Token',
    });
    const [name, value] = (await credentials.header()) ?? [];
    expect(name).toBe('X-Token');
    const renewed = await credentials.afterUnauthorized(value ?? null);
    expect(renewed?.[0]).toBe('X-Token');
    expect(renewed?.[1]).not.toBe(value);
    expect(await status(renewed?.[1] ?? '')).toBe(200);
  });
});
