import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(bin))
    throw new Error(`${bin} is missing: run 'pnpm --filter @s2gos/server build' first`);
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, S2GOS_SERVER_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    /** Resolves with the URL the server prints. */
    async url(): Promise<string> {
      for (let i = 0; i < 500; i++) {
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match?.[1]) return match[1];
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`No URL printed. stdout: ${stdout} stderr: ${stderr}`);
    },
  };
}

describe('s2gos-server', () => {
  it('prints its URL, logs one line per request and exits cleanly on SIGTERM', async () => {
    const server = run(['--port', '0']);
    const url = await server.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/processes`)).status).toBe(200);
    expect((await fetch(`${url}/jobs/nope`)).status).toBe(404);
    server.child.kill('SIGTERM');
    const [code] = await server.exited;
    expect(code).toBe(0);
    const { stderr } = server.output();
    expect(stderr).toMatch(/GET \/processes 200 \d+\.\dms/);
    expect(stderr).toMatch(/GET \/jobs\/nope 404 /);
    expect(stderr).toContain('Received SIGTERM, shutting down');
  });

  it('exits cleanly on SIGINT while a job runs', async () => {
    const server = run(['--port', '0', '--quiet']);
    const url = await server.url();
    const res = await fetch(`${url}/processes/sleep_a_while/execution`, {
      method: 'POST',
      body: JSON.stringify({ inputs: { duration: 60 } }),
    });
    expect(res.status).toBe(201);
    server.child.kill('SIGINT');
    const [code] = await server.exited;
    expect(code).toBe(0);
    expect(server.output().stderr).not.toMatch(/POST/);
  });

  it('requires the token from S2GOS_SERVER_TOKEN, and never prints it', async () => {
    const token = 'env-token-5678';
    const server = run(['--port', '0', '--debug'], { S2GOS_SERVER_TOKEN: token });
    const url = await server.url();
    expect((await fetch(`${url}/jobs`)).status).toBe(401);
    const ok = await fetch(`${url}/jobs`, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    server.child.kill('SIGTERM');
    await server.exited;
    const { stdout, stderr } = server.output();
    expect(stdout).toContain('(access token required)');
    expect(stdout + stderr).not.toContain(token);
  });

  it('prints help and the version', async () => {
    const help = run(['--help']);
    expect((await help.exited)[0]).toBe(0);
    expect(help.output().stdout).toContain('Usage: s2gos-server');
    const version = run(['--version']);
    expect((await version.exited)[0]).toBe(0);
    expect(version.output().stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits with 2 and the usage on a bad option', async () => {
    const bad = run(['--port', 'eighty']);
    expect((await bad.exited)[0]).toBe(2);
    expect(bad.output().stderr).toContain(
      "--port must be an integer from 0 to 65535, got 'eighty'.",
    );
    expect(bad.output().stderr).toContain('Usage: s2gos-server');
  });

  it('exits with 1 when the port is taken', async () => {
    const first = run(['--port', '0']);
    const port = new URL(await first.url()).port;
    const second = run(['--port', port]);
    expect((await second.exited)[0]).toBe(1);
    expect(second.output().stderr).toContain('EADDRINUSE');
    first.child.kill('SIGTERM');
    await first.exited;
  });
});
