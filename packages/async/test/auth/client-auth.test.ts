/**
 * The AsyncClient signs in with every auth type against the local stack: a real OpenID Connect
 * provider (`@s2gos/test-oidc`, 2 s tokens) and `@s2gos/server --oidc-issuer`; static types against
 * `@s2gos/server --token` and a server that records headers. Every message, log line and error seen
 * is searched for secrets at the end.
 */
import { inspect } from 'node:util';
import { type RunningServer, startServer } from '@s2gos/server';
import {
  startOidcProvider,
  TEST_CLIENTS,
  TEST_USERS,
  type TestOidcProvider,
} from '@s2gos/test-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AsyncClient,
  type AsyncClientOptions,
  ClientError,
  type DevicePrompt,
  ErrorType,
  type TokenSet,
} from '../../src/index.js';
import { TOKEN } from '../helpers/demo-server.js';
import { jobInfo, sendJson, startTestServer, type TestServer } from '../helpers/http-server.js';

const PASSWORD = TEST_USERS.bibo ?? '';
const { clientSecret: CLIENT_SECRET, clientId: SERVICE_ID } = TEST_CLIENTS.service;
const API_KEY = 'api-key-secret-5f1d0c7e2b';

let oidc: TestOidcProvider;
let server: RunningServer;
let tokenServer: RunningServer;
/** Everything a user or operator could see: error messages and JSON, server log lines. */
const seen: string[] = [];
/** Every secret used or obtained; none may appear in `seen`. */
const secrets = new Set<string>([PASSWORD, CLIENT_SECRET, TOKEN, API_KEY]);

beforeAll(async () => {
  oidc = await startOidcProvider({ accessTokenTtl: 2 });
  const log = (line: string) => seen.push(line);
  server = await startServer({ port: 0, oidcIssuer: oidc.issuer, audience: oidc.audience, log });
  tokenServer = await startServer({ port: 0, token: TOKEN, log });
});
afterAll(async () => {
  await server?.close();
  await tokenServer?.close();
  await oidc?.close();
  for (const secret of secrets) {
    for (const text of seen) expect(text).not.toContain(secret);
  }
});

const keep = (tokens: TokenSet | undefined) => {
  if (tokens?.accessToken) secrets.add(tokens.accessToken);
  if (tokens?.refreshToken) secrets.add(tokens.refreshToken);
};

function loginClient(options: AsyncClientOptions = {}) {
  return new AsyncClient({
    config: {
      serverUrl: server.url,
      authType: 'login',
      authUrl: oidc.issuer,
      userName: 'bibo',
      password: PASSWORD,
      clientId: TEST_CLIENTS.cli.clientId,
    },
    ...options,
    onTokens: (tokens) => {
      keep(tokens);
      options.onTokens?.(tokens);
    },
  });
}

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ClientError);
  seen.push(
    (error as Error).message,
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
  );
  return error as ClientError;
}

const grants = (type: string) => oidc.grants[type]?.success ?? 0;
const REFRESH = 'refresh_token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('each auth type reaches the server with its header', () => {
  let recorder: TestServer;
  beforeAll(async () => {
    recorder = await startTestServer((_request, response) =>
      sendJson(response, 200, jobInfo('job-1')),
    );
  });
  afterAll(() => recorder.close());

  const headersOf = async (config: AsyncClientOptions['config']) => {
    const client = new AsyncClient({ config: { serverUrl: recorder.url, ...config } });
    await client.getJob('job-1');
    return recorder.requests.at(-1)?.headers ?? {};
  };

  it('token: Authorization: Bearer, accepted by @s2gos/server --token', async () => {
    expect((await headersOf({ accessToken: TOKEN })).authorization).toBe(`Bearer ${TOKEN}`);
    const client = new AsyncClient({ config: { serverUrl: tokenServer.url, accessToken: TOKEN } });
    expect((await client.getProcesses()).processes.length).toBeGreaterThan(0);
  });

  it('token with useBearer false: the token in X-Auth-Token (or tokenHeader)', async () => {
    const plain = await headersOf({ authType: 'token', accessToken: TOKEN, useBearer: false });
    expect(plain['x-auth-token']).toBe(TOKEN);
    expect(plain.authorization).toBeUndefined();
    const custom = { accessToken: TOKEN, useBearer: false, tokenHeader: 'X-Token' };
    expect((await headersOf(custom))['x-token']).toBe(TOKEN);
  });

  it('basic: Authorization: Basic base64(user:password)', async () => {
    const headers = await headersOf({ authType: 'basic', userName: 'bibo', password: PASSWORD });
    expect(headers.authorization).toBe(
      `Basic ${Buffer.from(`bibo:${PASSWORD}`).toString('base64')}`,
    );
  });

  it('api-key: X-API-Key (or apiKeyHeader)', async () => {
    expect((await headersOf({ apiKey: API_KEY }))['x-api-key']).toBe(API_KEY);
    const custom = { apiKey: API_KEY, apiKeyHeader: 'X-Key' };
    expect((await headersOf(custom))['x-key']).toBe(API_KEY);
  });

  it('none: no credential header', async () => {
    const headers = await headersOf({});
    expect(headers.authorization).toBeUndefined();
  });

  it('login: a password-grant token the OIDC-verifying server accepts', async () => {
    const before = grants('password');
    const client = loginClient();
    expect((await client.getProcesses()).processes.length).toBeGreaterThan(0);
    await client.getJobs();
    expect(grants('password')).toBe(before + 1);
  });

  it('client-credentials: a client-credentials token the server accepts', async () => {
    const before = grants('client_credentials');
    const client = new AsyncClient({
      config: {
        serverUrl: server.url,
        authType: 'client-credentials',
        authUrl: oidc.tokenEndpoint,
        clientId: SERVICE_ID,
        clientSecret: CLIENT_SECRET,
      },
      onTokens: keep,
    });
    expect((await client.getProcesses()).processes.length).toBeGreaterThan(0);
    expect(grants('client_credentials')).toBe(before + 1);
  });

  it('device: shows the code, waits for approval, then calls the server with the token', async () => {
    const prompts: DevicePrompt[] = [];
    const client = new AsyncClient({
      config: {
        serverUrl: server.url,
        authType: 'device',
        authUrl: oidc.issuer,
        clientId: TEST_CLIENTS.cli.clientId,
      },
      onTokens: keep,
      onDevicePrompt: (prompt) => {
        prompts.push(prompt);
        void oidc.approveDevice(prompt.userCode, 'ernie');
      },
    });
    expect((await client.getProcesses()).processes.length).toBeGreaterThan(0);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.verificationUri).toContain(oidc.issuer);
  }, 20_000);
});

describe('tokens that expire', () => {
  it('a 15 s executeAndWait crosses several 2 s expiries and succeeds, refreshing ahead', async () => {
    const before = grants(REFRESH);
    const client = loginClient();
    const { job, results } = await client.executeAndWait(
      'sleep_a_while',
      { inputs: { duration: 15 } },
      { pollInterval: 500, maxPollInterval: 1000 },
    );
    expect(job.status).toBe('successful');
    expect(results).toBeDefined();
    expect(grants(REFRESH) - before).toBeGreaterThanOrEqual(4);
  }, 40_000);

  it('concurrent calls after expiry share one refresh', async () => {
    const client = loginClient();
    await client.getJobs();
    await sleep(2100);
    const before = grants(REFRESH);
    await Promise.all(Array.from({ length: 8 }, () => client.getJobs()));
    expect(grants(REFRESH)).toBe(before + 1);
  });

  it('a token the server refuses is renewed once and the request retried once', async () => {
    // Start from a stored token set whose access token the server rejects and whose expiry is unknown.
    const signedIn: TokenSet[] = [];
    await loginClient({ onTokens: (t) => t && signedIn.push(t) }).getJobs();
    const refreshToken = signedIn[0]?.refreshToken ?? '';
    const before = grants(REFRESH);
    const client = loginClient({
      tokens: { accessToken: 'not-a-valid-token-12345', refreshToken },
    });
    expect((await client.getJobs()).jobs).toBeDefined();
    expect(grants(REFRESH)).toBe(before + 1);
  });

  it('login: a revoked refresh token leads to a new sign-in with the password', async () => {
    const held: TokenSet[] = [];
    const client = loginClient({ onTokens: (t) => t && held.push(t) });
    await client.getJobs();
    await oidc.revokeRefreshToken(held[0]?.refreshToken ?? '');
    await sleep(2100);
    const before = grants('password');
    expect((await client.getJobs()).jobs).toBeDefined();
    expect(grants('password')).toBe(before + 1);
  });

  it('device: a revoked refresh token is a clear auth-failed error telling to run s2gos login', async () => {
    const prompts: DevicePrompt[] = [];
    const held: TokenSet[] = [];
    const config = {
      serverUrl: server.url,
      authType: 'device' as const,
      authUrl: oidc.issuer,
      clientId: TEST_CLIENTS.cli.clientId,
    };
    await new AsyncClient({
      config,
      onTokens: (t) => {
        keep(t);
        if (t) held.push(t);
      },
      onDevicePrompt: (prompt) => {
        prompts.push(prompt);
        void oidc.approveDevice(prompt.userCode, 'ernie');
      },
    }).getJobs();
    const tokens = held[0] as TokenSet;
    await oidc.revokeRefreshToken(tokens.refreshToken ?? '');
    // A later client (no prompt) starting from those tokens once they expired.
    await sleep(2100);
    const client = new AsyncClient({ config, tokens, onTokens: keep });
    const error = await rejection(client.getJobs());
    expect(error.apiError.type).toBe(ErrorType.authFailed);
    expect(error.apiError.title).toBe('Authentication failed');
    expect(error.apiError.error).toBe('invalid_grant');
    expect(error.message).toContain('s2gos login');
    expect(error.message).toContain(oidc.tokenEndpoint);
  }, 20_000);
});

describe('sign-in failures', () => {
  it("a wrong password is auth-failed with the provider's description, and no request is retried", async () => {
    const before = oidc.grants.password?.error ?? 0;
    const client = new AsyncClient({
      config: {
        serverUrl: server.url,
        authType: 'login',
        authUrl: oidc.issuer,
        userName: 'bibo',
        password: 'wrong-password-0a9b8c',
        clientId: TEST_CLIENTS.cli.clientId,
      },
    });
    secrets.add('wrong-password-0a9b8c');
    const error = await rejection(client.getJobs());
    expect(error.apiError).toMatchObject({
      type: ErrorType.authFailed,
      status: 400,
      error: 'invalid_grant',
      error_description: 'Invalid user credentials',
    });
    expect(error.message).toContain('Invalid user credentials');
    expect(error.operation).toBe('getJobs');
    // One attempt: a refused sign-in is not retried as a network error would be.
    expect(oidc.grants.password?.error).toBe(before + 1);
  });

  it('a wrong client secret is auth-failed', async () => {
    const client = new AsyncClient({
      config: {
        serverUrl: server.url,
        authType: 'client-credentials',
        authUrl: oidc.tokenEndpoint,
        clientId: SERVICE_ID,
        clientSecret: 'wrong-secret-77aa55',
      },
    });
    secrets.add('wrong-secret-77aa55');
    const error = await rejection(client.getProcesses());
    expect(error.apiError.type).toBe(ErrorType.authFailed);
    expect(error.apiError.error).toBe('invalid_client');
  });
});

describe('credentials never reach a second origin', () => {
  let second: TestServer;
  let first: TestServer;
  beforeAll(async () => {
    second = await startTestServer((request, response) =>
      sendJson(response, 200, jobInfo(request.url.split('/').at(-1) ?? 'x')),
    );
    first = await startTestServer((request, response) => {
      if (request.url.startsWith('/jobs/redirected')) {
        response.writeHead(302, { location: `${second.url}/jobs/elsewhere` }).end();
      } else if (request.url.startsWith('/processes/echo/execution')) {
        response.writeHead(201, { location: `${second.url}/jobs/located` }).end();
      } else {
        sendJson(response, 200, jobInfo('job-1'));
      }
    });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  const configs = () => [
    {
      authType: 'login' as const,
      authUrl: oidc.issuer,
      userName: 'bibo',
      password: PASSWORD,
      clientId: TEST_CLIENTS.cli.clientId,
    },
    { accessToken: TOKEN },
    { accessToken: TOKEN, useBearer: false },
    { apiKey: API_KEY },
    { authType: 'basic' as const, userName: 'bibo', password: PASSWORD },
  ];

  it('not after a redirect, and a Location elsewhere is not followed, for every auth type', async () => {
    for (const config of configs()) {
      const client = new AsyncClient({
        config: { serverUrl: first.url, ...config },
        onTokens: keep,
      });
      await client.getJob('job-1');
      const sent = first.requests.at(-1)?.headers ?? {};
      expect(sent.authorization ?? sent['x-auth-token'] ?? sent['x-api-key']).toBeDefined();
      await client.getJob('redirected');
      // A Location on another origin is refused outright (see the README's Limits).
      await expect(client.executeProcess('echo', { inputs: {} })).rejects.toThrow(/another origin/);
    }
    expect(second.requests.map((r) => r.url)).toContain('/jobs/elsewhere');
    expect(second.requests.map((r) => r.url)).not.toContain('/jobs/located');
    for (const request of second.requests) {
      const text = JSON.stringify(request.headers);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-auth-token']).toBeUndefined();
      expect(request.headers['x-api-key']).toBeUndefined();
    }
  });
});
