import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, createTokenSource } from '../../src/auth/index.js';

interface Seen {
  path: string;
  at: number;
  contentType: string | undefined;
  form: Record<string, string>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A provider answering from `answers` by path (each path's answers in turn), recording requests. */
async function provider(
  answers: Record<
    string,
    ((base: string) => { status: number; body?: unknown; headers?: Record<string, string> })[]
  >,
) {
  const seen: Seen[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    const path = request.url ?? '';
    seen.push({
      path,
      at: Date.now(),
      contentType: request.headers['content-type'],
      form: Object.fromEntries(new URLSearchParams(text)),
    });
    const answer = answers[path]?.shift()?.(base) ?? { status: 404, body: { error: 'not_found' } };
    response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen };
}

describe('device grant polling (RFC 8628)', () => {
  it('waits `interval`, and 5 s more after slow_down', async () => {
    const { base, seen } = await provider({
      '/.well-known/openid-configuration': [
        (b) => ({
          status: 200,
          body: { token_endpoint: `${b}/token`, device_authorization_endpoint: `${b}/device` },
        }),
      ],
      '/device': [
        (b) => ({
          status: 200,
          body: {
            device_code: 'dc-1',
            user_code: 'ABCD-EFGH',
            verification_uri: `${b}/activate`,
            expires_in: 60,
            interval: 1,
          },
        }),
      ],
      '/token': [
        () => ({ status: 400, body: { error: 'slow_down' } }),
        () => ({
          status: 200,
          body: { access_token: 'at-1', token_type: 'Bearer', expires_in: 60 },
        }),
      ],
    });
    const source = createTokenSource({
      authType: 'device',
      authUrl: base,
      clientId: 'cli',
      onDevicePrompt: () => undefined,
    });
    expect(await source.getToken()).toBe('at-1');
    const device = seen.find((s) => s.path === '/device');
    const polls = seen.filter((s) => s.path === '/token');
    expect(polls).toHaveLength(2);
    for (const request of [device, ...polls]) {
      expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    }
    expect(polls[0]?.form).toEqual({
      client_id: 'cli',
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: 'dc-1',
    });
    // Lower bounds only: a wait never ends early, however busy the machine.
    expect((polls[0]?.at ?? 0) - (device?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect((polls[1]?.at ?? 0) - (polls[0]?.at ?? 0)).toBeGreaterThanOrEqual(5990);
  });
});

describe('a token endpoint that redirects', () => {
  it('is refused: the password never travels to the other origin', async () => {
    const elsewhere = await provider({});
    const { base } = await provider({
      '/token': [() => ({ status: 307, headers: { Location: `${elsewhere.base}/token` } })],
    });
    const password = 'pw-never-elsewhere-81';
    const source = createTokenSource({
      authType: 'login',
      authUrl: `${base}/token`,
      userName: 'bibo',
      password,
    });
    const error = await source.getToken().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).failure).toMatchObject({ stage: 'login', unreachable: true });
    expect((error as Error).message).not.toContain(password);
    expect(elsewhere.seen).toEqual([]);
  });

  it('an error answer without JSON still fails clearly', async () => {
    const { base } = await provider({
      '/token': [() => ({ status: 502 })],
    });
    const source = createTokenSource({
      authType: 'client-credentials',
      authUrl: `${base}/token`,
      clientId: 'svc',
      clientSecret: 'secret-xyz-123',
    });
    const error = (await source.getToken().catch((reason: unknown) => reason)) as AuthError;
    expect(error.failure).toMatchObject({ stage: 'login', status: 502 });
    expect(error.message).toBe(
      `Signing in (client-credentials) at ${base}/token failed: HTTP 502. Check client_id and client_secret ("s2gos configure").`,
    );
  });
});
