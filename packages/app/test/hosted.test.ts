/**
 * The same build without the forwarder: hosted as static files on another origin (CORS) and at
 * `/app/` of `s2gos-server --app`, asking for the server URL and the token, which stay in the
 * tab's sessionStorage and never in the URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../async/test/helpers/chromium.js';
import { loadAppFiles } from '../src/index.js';
import { type Started, startDemoServer } from './helpers/processes.js';

const TOKEN = 'hosted-app-token-5e1f0c27';

let server: Started & { url: string };
let host: Server;
let hostUrl: string;
let browser: Browser;

beforeAll(async () => {
  const files = await loadAppFiles({
    directory: fileURLToPath(new URL('../dist/www/', import.meta.url)),
  });
  host = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.contentType }).end(file.body);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
  [server, browser] = await Promise.all([
    startDemoServer(['--app', '--token', TOKEN]),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => host?.close(resolve));
});

async function connect(page: Page, serverUrl: string, token: string): Promise<void> {
  await page.getByLabel('Server URL').fill(serverUrl);
  await page.getByLabel('Access token or API key (optional)').fill(token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

it('asks a static host for the server and the token, and keeps them for the tab only', async () => {
  const page = await browser.newPage();
  await page.goto(hostUrl);
  await page.getByRole('heading', { name: 'Connect to a processing service' }).waitFor();

  await connect(page, server.url, 'not-the-token');
  const alert = page.getByRole('alert');
  await alert.getByText('Loading the processes failed: Unauthorized (401)').waitFor();
  await alert.getByRole('link', { name: 'Change the server or the token' }).click();

  await connect(page, server.url, TOKEN);
  await page.getByRole('link', { name: 'Prime generator' }).waitFor();
  expect(page.url()).not.toContain(TOKEN);
  const stored = await page.evaluate(() => sessionStorage.getItem('s2gos-app.connection'));
  expect(JSON.parse(stored ?? '{}')).toEqual({ serverUrl: `${server.url}/`, accessToken: TOKEN });
  await page.reload();
  await page.getByRole('link', { name: 'Prime generator' }).waitFor();

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('heading', { name: 'Connect to a processing service' }).waitFor();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await page.close();
});

it('runs at /app/ of s2gos-server --app, asking for the token the server requires', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/app/`);
  await page.getByRole('alert').getByText('Unauthorized (401)').waitFor();
  await page.getByRole('link', { name: 'Change the server or the token' }).click();
  expect(await page.getByLabel('Server URL').inputValue()).toBe(`${server.url}/`);
  await connect(page, `${server.url}/`, TOKEN);
  await page.getByRole('link', { name: 'Prime generator' }).click();
  await page.getByRole('button', { name: 'Execute' }).click();
  await page.getByTestId('job-status').getByText('successful').waitFor({ timeout: 30_000 });
  await page.close();
});
