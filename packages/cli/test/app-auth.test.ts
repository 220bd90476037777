/**
 * `s2gos app` signs in on the Node side with the configured auth type (here `login` against a
 * real OpenID Connect provider): the forwarded calls carry a fresh token, the browser never sees
 * a secret, and a failed sign-in answers 401 with the provider's reason.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { TEST_USERS, type TestOidcProvider } from '@s2gos/test-oidc';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeHome, removeHome, writeConfig } from './cli.js';
import { type OidcServer, startOidcServer } from './oidc-server.js';

const PASSWORD = TEST_USERS.bibo ?? '';

let oidc: TestOidcProvider;
const children: ChildProcess[] = [];
const homes: string[] = [];

let stack: OidcServer | undefined;

beforeAll(async () => {
  stack = await startOidcServer(2);
  ({ oidc } = stack);
});
afterAll(() => stack?.close());
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null) continue;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
  }
  for (const home of homes.splice(0)) removeHome(home);
});

/** Starts `s2gos app` for a login configuration; returns its origin, session cookie and output. */
async function startApp(password: string) {
  const home = makeHome();
  homes.push(home);
  writeConfig(home, stack?.loginConfig(password) ?? {});
  const child = spawn(process.execPath, [BIN, 'app', '--no-open'], {
    env: { PATH: process.env.PATH ?? '', HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = { text: '' };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.text += chunk;
  });
  const line = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output.text += chunk;
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    });
    child.once('exit', (code) =>
      reject(new Error(`s2gos app exited with ${code}: ${output.text}`)),
    );
  });
  const url = new URL(line);
  const login = await fetch(url, { redirect: 'manual' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { origin: url.origin, cookie, output };
}

describe('s2gos app with a login configuration', () => {
  it('signs in on the Node side and keeps forwarded calls authorised across token expiries', async () => {
    const app = await startApp(PASSWORD);
    const bodies: string[] = [];
    for (let round = 0; round < 3; round++) {
      const answer = await fetch(`${app.origin}/api/processes`, {
        headers: { cookie: app.cookie },
      });
      const body = await answer.text();
      bodies.push(body, JSON.stringify([...answer.headers]));
      expect(answer.status).toBe(200);
      expect(JSON.parse(body).processes.length).toBeGreaterThan(0);
      // Past the 2 s lifetime: the next call needs a refreshed token.
      if (round < 2) await new Promise((resolve) => setTimeout(resolve, 2500));
    }
    expect(oidc.grants.password?.success ?? 0).toBeGreaterThanOrEqual(1);
    for (const text of [...bodies, app.output.text]) expect(text).not.toContain(PASSWORD);
  });

  it('answers 401 with the provider reason when signing in fails, without the password', async () => {
    const wrong = 'wrong-password-7c1d2e';
    const app = await startApp(wrong);
    const answer = await fetch(`${app.origin}/api/processes`, { headers: { cookie: app.cookie } });
    const body = await answer.text();
    expect(answer.status).toBe(401);
    expect(body).toContain('Authentication failed');
    expect(body).not.toContain(wrong);
    expect(app.output.text).not.toContain(wrong);
  });
});
