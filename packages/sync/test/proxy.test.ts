/**
 * The blocking client through a real HTTP forward proxy (the `proxy` package) that alone can
 * resolve the server's host name: the worker thread picks `HTTP_PROXY` up from the environment of
 * the process. The client runs in a child process, whose environment the test sets. The proxy
 * also makes a server that is not on this machine as far as the client can tell.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type ForwardProxy, startForwardProxy } from '../../cli/test/forward-proxy.js';

const CHILD = `
import { Client } from '@s2gos/sync';
const [serverUrl, timeout] = process.argv.slice(1);
const client = new Client({ serverUrl, timeout: Number(timeout), retry: 0 });
try {
  console.log(JSON.stringify(client.getProcesses().processes.map((p) => p.id)));
} catch (error) {
  console.log(JSON.stringify({ error: error.name, message: error.message }));
} finally {
  client.close();
}`;

let proxy: ForwardProxy;

beforeAll(async () => {
  proxy = await startForwardProxy();
});
afterAll(() => proxy.close());

const { HTTP_PROXY, http_proxy, NO_PROXY, no_proxy, ...noProxyEnv } = process.env;

async function getProcesses(
  serverUrl: string,
  env: NodeJS.ProcessEnv,
  timeout = 10_000,
): Promise<unknown> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', CHILD, serverUrl, String(timeout)],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), env, timeout: 30_000 },
  );
  return JSON.parse(stdout);
}

it('reaches a server only the proxy can resolve', async () => {
  const env = noProxyEnv;
  const serverUrl = `http://s2gos.invalid:${new URL(inject('serverUrl')).port}`;
  expect(await getProcesses(serverUrl, env)).toMatchObject({ error: 'TransportError' });
  const ids = await getProcesses(serverUrl, { ...env, HTTP_PROXY: proxy.url });
  expect(ids).toContain('map_image');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(proxy.forwarded.some((line) => line.startsWith(`GET ${serverUrl}/processes`))).toBe(true);
}, 60_000);

it('names the deadlock only for a server on this machine', async () => {
  const env = { ...noProxyEnv, HTTP_PROXY: proxy.url, NO_PROXY: '' };
  const stuck = `http://s2gos.invalid:${new URL(inject('badServerUrl')).port}/never`;
  const remote = await getProcesses(stuck, env, 500);
  expect(remote).toMatchObject({
    error: 'TransportError',
    message: expect.stringContaining('timed out'),
  });
  expect((remote as { message: string }).message).not.toContain('deadlock');
  const local = await getProcesses(`${inject('badServerUrl')}/never`, noProxyEnv, 500);
  expect((local as { message: string }).message).toContain('deadlock');
}, 60_000);
