/**
 * The CLI through a real HTTP forward proxy (the `proxy` package) that alone can resolve the
 * server's host name, and a TLS error that says how to trust a private CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeHome, removeHome, s2gos } from './cli.js';
import { type ForwardProxy, startForwardProxy } from './forward-proxy.js';
import { TEST_TOKEN } from './global-setup.js';

const serverPort = new URL(inject('cliServerUrl')).port;
let home: string;
/** A home configured for the server by the name only the proxy resolves. */
let proxiedHome: string;
let proxy: ForwardProxy;

beforeAll(async () => {
  home = makeHome();
  const configured = await s2gos(home, [
    'configure',
    '-s',
    inject('cliServerUrl'),
    '-t',
    TEST_TOKEN,
  ]);
  expect(configured.code, configured.stderr).toBe(0);
  proxiedHome = makeHome();
  const proxied = await s2gos(proxiedHome, [
    'configure',
    '-s',
    `http://s2gos.invalid:${serverPort}`,
    '-t',
    TEST_TOKEN,
  ]);
  expect(proxied.code, proxied.stderr).toBe(0);
  proxy = await startForwardProxy();
});
afterAll(() => {
  proxy.close();
  removeHome(home);
  removeHome(proxiedHome);
});

describe('HTTP_PROXY', () => {
  it('reaches a server only the proxy can resolve', async () => {
    const server = `http://s2gos.invalid:${serverPort}`;
    const direct = await s2gos(proxiedHome, ['lp', '-f', 'json']);
    expect(direct.code).toBe(3);
    const before = proxy.forwarded.length;
    const result = await s2gos(proxiedHome, ['lp', '-f', 'json'], {
      env: { HTTP_PROXY: proxy.url },
    });
    expect(result.code, result.stderr).toBe(0);
    const ids = JSON.parse(result.stdout).processes.map((p: { id: string }) => p.id);
    expect(ids).toContain('map_image');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      proxy.forwarded.slice(before).some((line) => line.startsWith(`GET ${server}/processes`)),
    ).toBe(true);
  });

  it('leaves hosts in NO_PROXY alone', async () => {
    const before = proxy.forwarded.length;
    const result = await s2gos(home, ['lp', '--server', inject('cliServerUrl'), '-f', 'json'], {
      env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
    });
    expect(result.code, result.stderr).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(proxy.forwarded.slice(before)).toEqual([]);
  });
});

describe('TLS', () => {
  let tls: Server;
  let dir: string;
  let connections = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's2gos-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const { readFileSync } = await import('node:fs');
    tls = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_req, res) => res.end('{}'),
    );
    tls.on('connection', () => connections++);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    tls.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names NODE_EXTRA_CA_CERTS when the certificate is not trusted, without retrying', async () => {
    const { port } = tls.address() as AddressInfo;
    const result = await s2gos(home, ['lp', '--server', `https://127.0.0.1:${port}`]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/SELF_SIGNED/);
    expect(result.stderr).toContain('NODE_EXTRA_CA_CERTS');
    // A GET is retried after network failures, but a certificate stays untrusted: one attempt.
    expect(connections).toBe(1);
  });
});
