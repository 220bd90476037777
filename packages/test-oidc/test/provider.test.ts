import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startOidcProvider,
  TEST_CLIENTS,
  TEST_USERS,
  type TestOidcProvider,
} from '../src/index.js';

let oidc: TestOidcProvider;
beforeAll(async () => {
  oidc = await startOidcProvider({ accessTokenTtl: 2 });
});
afterAll(() => oidc?.close());

async function token(form: Record<string, string>) {
  const response = await fetch(oidc.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function payload(jwt: unknown): Record<string, unknown> {
  return JSON.parse(Buffer.from(String(jwt).split('.')[1] ?? '', 'base64url').toString());
}

describe('test OIDC provider', () => {
  it('discovers its endpoints', async () => {
    const doc = (await (
      await fetch(`${oidc.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(doc.token_endpoint).toBe(oidc.tokenEndpoint);
    expect(doc.device_authorization_endpoint).toBe(oidc.deviceAuthorizationEndpoint);
    expect(doc.grant_types_supported).toEqual(
      expect.arrayContaining([
        'password',
        'client_credentials',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code',
      ]),
    );
  });

  it('issues and refreshes JWTs for the password grant; a used refresh token is refused', async () => {
    const login = await token({
      grant_type: 'password',
      client_id: TEST_CLIENTS.cli.clientId,
      username: 'bibo',
      password: TEST_USERS.bibo ?? '',
    });
    expect(login.status).toBe(200);
    expect(login.body.expires_in).toBe(2);
    expect(payload(login.body.access_token)).toMatchObject({
      sub: 'bibo',
      aud: oidc.audience,
      iss: oidc.issuer,
    });
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: TEST_CLIENTS.cli.clientId,
      refresh_token: String(login.body.refresh_token),
    });
    expect(refreshed.status).toBe(200);
    expect(payload(refreshed.body.access_token)).toMatchObject({ sub: 'bibo', aud: oidc.audience });
    expect(refreshed.body.refresh_token).not.toBe(login.body.refresh_token);
    const again = await token({
      grant_type: 'refresh_token',
      client_id: TEST_CLIENTS.cli.clientId,
      refresh_token: String(login.body.refresh_token),
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a wrong password with a description', async () => {
    const result = await token({
      grant_type: 'password',
      client_id: TEST_CLIENTS.cli.clientId,
      username: 'bibo',
      password: 'wrong',
    });
    expect(result).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
    });
  });

  it('issues client-credentials tokens', async () => {
    const result = await token({
      grant_type: 'client_credentials',
      client_id: TEST_CLIENTS.service.clientId,
      client_secret: TEST_CLIENTS.service.clientSecret,
    });
    expect(result.status).toBe(200);
    expect(payload(result.body.access_token)).toMatchObject({
      sub: TEST_CLIENTS.service.clientId,
      aud: oidc.audience,
    });
  });

  it('runs the device grant', async () => {
    const response = await fetch(oidc.deviceAuthorizationEndpoint, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: TEST_CLIENTS.cli.clientId,
        scope: 'openid offline_access api',
      }),
    });
    const device = (await response.json()) as Record<string, string>;
    expect(device.user_code).toBeTruthy();
    const form = {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: TEST_CLIENTS.cli.clientId,
      device_code: String(device.device_code),
    };
    expect(await token(form)).toMatchObject({
      status: 400,
      body: { error: 'authorization_pending' },
    });
    await oidc.approveDevice(String(device.user_code), 'ernie');
    const result = await token(form);
    expect(result.status).toBe(200);
    expect(payload(result.body.access_token)).toMatchObject({ sub: 'ernie', aud: oidc.audience });
    expect(result.body.refresh_token).toBeTruthy();
  });
});
