import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  startOidcProvider,
  TEST_CLIENTS,
  TEST_USERS,
  type TestOidcProvider,
} from '@s2gos/test-oidc';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli.js';
import { TestServer } from './helpers.js';

const STATIC_TOKEN = 'static-token-5e1f0c2b';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

let oidc: TestOidcProvider;
let server: TestServer;

beforeAll(async () => {
  oidc = await startOidcProvider({ accessTokenTtl: 2 });
  server = await TestServer.start({
    oidcIssuer: oidc.issuer,
    audience: oidc.audience,
    token: STATIC_TOKEN,
  });
});
afterAll(async () => {
  await server?.close();
  await oidc?.close();
});

async function tokenResponse(form: Record<string, string>): Promise<Record<string, string>> {
  const response = await fetch(oidc.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  const body = (await response.json()) as Record<string, string>;
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

const grants = {
  password: () =>
    tokenResponse({
      grant_type: 'password',
      client_id: TEST_CLIENTS.cli.clientId,
      username: 'bibo',
      password: TEST_USERS.bibo ?? '',
    }),
  client_credentials: () =>
    tokenResponse({
      grant_type: 'client_credentials',
      client_id: TEST_CLIENTS.service.clientId,
      client_secret: TEST_CLIENTS.service.clientSecret,
    }),
  refresh_token: async (): Promise<Record<string, string>> => {
    const { refresh_token } = await grants.password();
    return tokenResponse({
      grant_type: 'refresh_token',
      client_id: TEST_CLIENTS.cli.clientId,
      refresh_token: refresh_token ?? '',
    });
  },
  device_code: async () => {
    const response = await fetch(oidc.deviceAuthorizationEndpoint, {
      method: 'POST',
      body: new URLSearchParams({ client_id: TEST_CLIENTS.cli.clientId }),
    });
    const device = (await response.json()) as Record<string, string>;
    await oidc.approveDevice(device.user_code ?? '', 'ernie');
    return tokenResponse({
      grant_type: DEVICE_GRANT,
      client_id: TEST_CLIENTS.cli.clientId,
      device_code: device.device_code ?? '',
    });
  },
} satisfies Record<string, () => Promise<Record<string, string>>>;

function asBearer(token: string) {
  return { headers: { Authorization: `Bearer ${token}` } };
}

describe('--oidc-issuer', () => {
  it.each(Object.keys(grants) as (keyof typeof grants)[])(
    'accepts a JWT from the %s grant',
    async (grant) => {
      const { access_token } = await grants[grant]();
      const answer = await server.fetch('/processes', asBearer(access_token ?? ''));
      expect(answer.status).toBe(200);
    },
  );

  it('still accepts the static token alongside', async () => {
    expect((await server.fetch('/processes', asBearer(STATIC_TOKEN))).status).toBe(200);
  });

  it('answers an expired token with 401 and a problem document', async () => {
    const { access_token = '' } = await grants.password();
    const exp = JSON.parse(Buffer.from(access_token.split('.')[1] ?? '', 'base64url').toString())
      .exp as number;
    await sleep(Math.max(0, exp * 1000 - Date.now()) + 1100);
    const answer = await server.fetch('/processes', asBearer(access_token));
    expect(answer.status).toBe(401);
    expect(answer.headers.get('Content-Type')).toContain('application/problem+json');
    expect(answer.headers.get('WWW-Authenticate')).toBe(
      'Bearer realm="s2gos", error="invalid_token"',
    );
    expect(answer.body).toMatchObject({ status: 401, detail: 'The access token has expired.' });
    expect(JSON.stringify(answer.body)).not.toContain(access_token.slice(-12));
  });

  it('answers a token signed with another key, or for another audience, with 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({ sub: 'bibo' })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(oidc.issuer)
      .setAudience(oidc.audience)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateKey);
    const wrongKey = await server.fetch('/processes', asBearer(forged));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toMatchObject({ detail: 'The access token is not valid.' });

    const other = await TestServer.start({
      oidcIssuer: oidc.issuer,
      audience: 'https://other/api',
    });
    try {
      const { access_token } = await grants.client_credentials();
      expect((await other.fetch('/processes', asBearer(access_token ?? ''))).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers no token with 401', async () => {
    const answer = await fetch(`${server.url}/processes`);
    expect(answer.status).toBe(401);
  });
});

describe('s2gos-server --oidc-issuer', () => {
  it('parses --oidc-issuer and --audience, or their variables', () => {
    expect(
      parseCommandLine(['--oidc-issuer', 'https://sso.example', '--audience', 'api'], {}),
    ).toMatchObject({ options: { oidcIssuer: 'https://sso.example', audience: 'api' } });
    expect(
      parseCommandLine([], {
        S2GOS_SERVER_OIDC_ISSUER: 'https://sso.example',
        S2GOS_SERVER_AUDIENCE: 'x',
      }),
    ).toMatchObject({ options: { oidcIssuer: 'https://sso.example', audience: 'x' } });
    expect(() => parseCommandLine(['--oidc-issuer', 'sso.example'], {})).toThrow(
      "--oidc-issuer must be an http(s) URL, got 'sso.example'",
    );
  });

  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill();
  });

  it('accepts tokens of the issuer when started from the command line', async () => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    child = spawn(
      process.execPath,
      [bin, '--port', '0', '--quiet', '--oidc-issuer', oidc.issuer, '--audience', oidc.audience],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child?.once('exit', (code) => reject(new Error(`exited with ${code}: ${stdout}`)));
    });
    expect(stdout).toContain(`(tokens of ${oidc.issuer} required)`);
    const { access_token } = await grants.client_credentials();
    expect((await fetch(`${url}/processes`, asBearer(access_token ?? ''))).status).toBe(200);
    expect((await fetch(`${url}/processes`)).status).toBe(401);
  });
});
