import { loadAppFiles } from '@s2gos/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli.js';
import { type RunningServer, startServer } from '../src/index.js';

describe('the web app at /app/ (--app)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const appFiles = await loadAppFiles({ config: { serverUrl: '../', forwarded: false } });
    server = await startServer({ port: 0, token: 'app-test-token-1234', appFiles });
  });
  afterAll(() => server?.close());

  it('serves the app without a token, beside an API that requires one', async () => {
    const page = await fetch(`${server.url}/app/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}/app/${script}`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${server.url}/app/s2gos-app.json`)).json()).toEqual({
      serverUrl: '../',
      forwarded: false,
    });
    expect((await fetch(`${server.url}/processes`)).status).toBe(401);
  });

  it('redirects /app to /app/ and answers 404 for files the app does not have', async () => {
    const bare = await fetch(`${server.url}/app`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/app/');
    expect((await fetch(`${server.url}/app/../package.json`)).status).not.toBe(200);
    expect((await fetch(`${server.url}/app/nope.js`)).status).toBe(401);
  });

  it('is asked for with --app', () => {
    expect(parseCommandLine(['--app'], {})).toMatchObject({ kind: 'serve', app: true });
    expect(parseCommandLine([], {})).not.toHaveProperty('app');
  });
});
