/**
 * The browser build in headless Chromium: a page bundled with esbuild lists the processes of the
 * local server, runs a job to completion and reads its results (CORS, cross-origin).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.js';
import { startServer, TOKEN } from './helpers/demo-server.js';
import { startTestServer, type TestServer } from './helpers/http-server.js';

let api: Awaited<ReturnType<typeof startServer>>;
let site: TestServer;
let browser: Browser;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./browser/page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome110',
    // Resolving `@s2gos/async` through its `browser` condition must not pull in Node built-ins:
    // esbuild fails the build if anything imports node:fs.
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  api = await startServer({ port: 0, token: TOKEN });
  site = await startTestServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>s2gos</title><script type="module" src="/page.js"></script>');
    }
  }, 'localhost');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([api?.close(), site?.close()]);
});

it('runs a job from a page in Chromium with the browser build', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(site.url);
  await page.waitForFunction(() => 'runDemo' in globalThis);
  const result = await page.evaluate(
    ([serverUrl, token]) =>
      (
        globalThis as unknown as { runDemo: (url: string, token: string) => Promise<unknown> }
      ).runDemo(serverUrl, token),
    [api.url, TOKEN] as const,
  );
  expect(errors).toEqual([]);
  expect(result).toEqual({
    processes: expect.arrayContaining(['sleep_a_while', 'primes_between', 'echo']),
    status: 'successful',
    results: { primes: [23, 29, 31, 37] },
    progressSeen: true,
    missing: { status: 404 },
    configPathError: expect.stringContaining('configPath is not supported in browsers'),
    nodeProcess: 'undefined',
  });
});
