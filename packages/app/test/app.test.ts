/**
 * The app in Chromium, through `s2gos app` in front of the local server: search, the generated
 * form, validation, execution, progress, results, a failing job, dismissal, request import and
 * the job list. With UPDATE_SCREENSHOTS=1 (`pnpm screenshots`) it also writes the README's
 * screenshots into docs/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../async/test/helpers/chromium.js';
import { type Started, startAppCommand, startDemoServer } from './helpers/processes.js';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const screenshots = process.env.UPDATE_SCREENSHOTS === '1';

let server: Started & { url: string };
let app: Started & { url: string; origin: string };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let files: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startDemoServer();
  [app, browser] = await Promise.all([startAppCommand(server.url), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  files = mkdtempSync(join(tmpdir(), 's2gos-app-files-'));
  // The session link sets the cookie and lands on the clean URL.
  await page.goto(app.url);
  expect(page.url()).toBe(`${app.origin}/`);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), server?.stop()]);
  if (files) rmSync(files, { recursive: true, force: true });
});

/** Opens a route of the app (the hash part). */
async function open(hash: string): Promise<void> {
  await page.goto(`${app.origin}/${hash}`);
}

/** The POST requests the page sends while `action` runs. */
async function postsDuring(action: () => Promise<void>): Promise<string[]> {
  const posts: string[] = [];
  const listener = (request: { method(): string; url(): string }) => {
    if (request.method() === 'POST') posts.push(request.url());
  };
  page.on('request', listener);
  try {
    await action();
  } finally {
    page.off('request', listener);
  }
  return posts;
}

describe('the app through s2gos app', () => {
  it('finds primes_between by searching the process list', async () => {
    await open('#/');
    await page.getByRole('link', { name: 'Prime generator' }).waitFor();
    await page.getByLabel('Search processes').fill('prime');
    const cards = page.getByRole('list', { name: 'Processes' }).locator(':scope > li');
    await expect.poll(() => cards.count()).toBe(1);
    await page.getByRole('link', { name: 'Prime generator' }).click();
    await page.getByRole('heading', { name: 'Prime generator' }).waitFor();
    expect(page.url()).toBe(`${app.origin}/#/processes/primes_between`);
    // Defaults are filled in from the process description.
    expect(await page.getByLabel('Minimum value of the search range').inputValue()).toBe('0');
    expect(await page.getByLabel('Maximum value of the search range').inputValue()).toBe('100');
  });

  it('shows a message next to a value out of bounds and submits nothing', async () => {
    await open('#/processes/primes_between');
    const max = page.getByLabel('Maximum value of the search range');
    await max.fill('2000000');
    const posts = await postsDuring(async () => {
      await page.getByRole('button', { name: 'Execute' }).click();
      await page.locator('#root_max_val__error').getByText('must be at most 1000000').waitFor();
    });
    expect(posts).toEqual([]);
    expect(page.url()).toContain('#/processes/primes_between');
  });

  it('executes primes_between, follows its progress and shows the primes', async () => {
    const seen: { status: string; progress?: number }[] = [];
    page.on('response', async (response) => {
      if (/\/api\/jobs\/[^/]+$/.test(response.url()) && response.ok()) {
        seen.push(await response.json());
      }
    });
    await open('#/processes/primes_between');
    await page.getByLabel('Minimum value of the search range').fill('10');
    await page.getByLabel('Maximum value of the search range').fill('50');
    const posts = await postsDuring(async () => {
      await page.getByRole('button', { name: 'Execute' }).click();
      await page.waitForURL(/#\/jobs\/[^/]+$/);
    });
    expect(posts).toEqual([`${app.origin}/api/processes/primes_between/execution`]);
    await page.getByTestId('job-status').getByText('successful').waitFor({ timeout: 30_000 });
    const primes = page.getByRole('list', { name: /values/ });
    expect(await primes.locator('li').allTextContents()).toEqual([
      '11',
      '13',
      '17',
      '19',
      '23',
      '29',
      '31',
      '37',
      '41',
      '43',
      '47',
    ]);
    // The page followed the job while it ran: it saw it unfinished, with its progress.
    expect(seen.some((job) => job.status === 'running' && typeof job.progress === 'number')).toBe(
      true,
    );
    if (screenshots)
      await page.screenshot({ path: join(DOCS, 'finished-job.png'), fullPage: true });
  });

  it('shows the error and the traceback of a failing job', async () => {
    await open('#/processes/sleep_a_while');
    await page.getByLabel('Duration in seconds').fill('0.2');
    await page.getByLabel('Force failure').check();
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.getByTestId('job-status').getByText('failed').waitFor({ timeout: 30_000 });
    const alert = page.getByRole('alert').filter({ hasText: 'The job failed' });
    await alert.locator('p', { hasText: 'Woke up too early' }).waitFor();
    const traceback = alert.locator('details.traceback');
    expect(await traceback.locator('pre').isVisible()).toBe(false);
    await traceback.getByText('Traceback').click();
    expect(await traceback.locator('pre').textContent()).toMatch(/Woke up too early[\s\S]*at /);
  });

  it('lists the newest job first and dismisses a long job', async () => {
    await open('#/processes/sleep_a_while');
    await page.getByLabel('Duration in seconds').fill('120');
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.waitForURL(/#\/jobs\/[^/]+$/);
    const jobId = decodeURIComponent(page.url().split('/').at(-1) ?? '');
    // Live progress: the message and the bar move while the job runs.
    await page
      .getByTestId('job-message')
      .getByText(/Slept [1-9]\d*%/)
      .waitFor({ timeout: 30_000 });
    expect(
      Number(await page.getByRole('progressbar', { name: 'Progress' }).getAttribute('value')),
    ).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Jobs', exact: true }).first().click();
    const rows = page.locator('table.jobs tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    expect(await rows.first().getAttribute('data-job-id')).toBe(jobId);
    const times = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('td[data-label="Created"]')?.textContent ?? ''),
    );
    expect(times.map((t) => Date.parse(t))).toEqual(
      [...times.map((t) => Date.parse(t))].sort((a, b) => b - a),
    );
    await page.getByRole('button', { name: `Dismiss job ${jobId}` }).click();
    await page.getByRole('status').getByText('is dismissed').waitFor();
    // This server forgets a dismissed job; a server that keeps it would show it as dismissed.
    await expect
      .poll(
        async () =>
          (await rows.first().getAttribute('data-job-id')) !== jobId ||
          (await rows.first().textContent())?.includes('dismissed'),
      )
      .toBe(true);

    // The filters narrow the list.
    await page.getByLabel('Status').selectOption('failed');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('sleep_a_while');
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Process').selectOption('primes_between');
    await expect.poll(() => rows.count()).toBe(1);
  });

  it('imports a request file written in the CLI format', async () => {
    const file = join(files, 'request.yaml');
    writeFileSync(file, 'process_id: primes_between\ninputs:\n  min_val: 5\n  max_val: 30\n');
    await open('#/processes/primes_between');
    await page.getByLabel('Import request file…').setInputFiles(file);
    await page.getByText("Imported the request from 'request.yaml'").waitFor();
    expect(await page.getByLabel('Minimum value of the search range').inputValue()).toBe('5');
    expect(await page.getByLabel('Maximum value of the search range').inputValue()).toBe('30');
    await page.getByText('Request as JSON').click();
    expect(JSON.parse((await page.locator('.json-preview').textContent()) ?? '')).toEqual({
      process_id: 'primes_between',
      inputs: { min_val: 5, max_val: 30 },
    });

    const other = join(files, 'other.json');
    writeFileSync(other, JSON.stringify({ process_id: 'echo', inputs: { value: 1 } }));
    await page.getByLabel('Import request file…').setInputFiles(other);
    await page.getByText("'other.json' is a request for the process 'echo'").waitFor();
  });

  it('renders the bbox, date and JSON widgets with accessible names', async () => {
    await open('#/processes/scene_link');
    const bbox = page.getByRole('group', { name: /Bounding box/ });
    for (const [label, value] of [
      ['West', '5.5'],
      ['South', '45'],
      ['East', '11'],
      ['North', '48'],
    ] as const) {
      await bbox.getByLabel(label).fill(value);
    }
    await page.getByLabel('Start date').fill('2025-06-01');
    await page.getByLabel('End date').fill('2025-06-07');
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((element) => {
          const control = element as HTMLInputElement;
          const labelled =
            (control.labels?.length ?? 0) > 0 ||
            control.getAttribute('aria-label') ||
            control.getAttribute('aria-labelledby') ||
            control.title ||
            (element.tagName === 'BUTTON' && element.textContent?.trim());
          return !labelled && control.type !== 'hidden';
        })
        .map((element) => element.outerHTML),
    );
    expect(unnamed).toEqual([]);
    if (screenshots)
      await page.screenshot({ path: join(DOCS, 'process-page.png'), fullPage: true });
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.getByTestId('job-status').getByText('successful').waitFor({ timeout: 30_000 });
    const link = page.getByRole('link', { name: /Scene 5.5,45,11,48/ });
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/scenes\.example\.com\//);
    await page.locator('.media-type', { hasText: 'application/vnd+zarr' }).waitFor();

    // The JSON editor: any JSON value for echo; text that is not JSON is marked and not sent.
    await open('#/processes/echo');
    const editor = page.getByLabel(/Value/);
    await editor.fill('{"a": [1,');
    const posts = await postsDuring(async () => {
      await page.getByRole('button', { name: 'Execute' }).click();
      await page.getByText(/Not valid JSON/).waitFor();
    });
    expect(posts).toEqual([]);
    await editor.fill('{"a": [1, 2]}');
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.getByTestId('job-status').getByText('successful').waitFor({ timeout: 30_000 });
    await page.getByRole('region', { name: 'Output value' }).getByText('a').first().waitFor();
  });

  it('is usable with the keyboard alone', async () => {
    await open('#/');
    await page.getByRole('link', { name: 'Prime generator' }).waitFor();
    const focused = () =>
      page.evaluate(
        () =>
          document.activeElement?.getAttribute('aria-label') ??
          document.activeElement?.textContent ??
          '',
      );
    // Tab to the search field, type, Tab to the only process left, Enter.
    const searchId = await page.getByLabel('Search processes').getAttribute('id');
    for (let i = 0; i < 10; i++) {
      if ((await page.evaluate(() => document.activeElement?.id)) === searchId) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('prime');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Prime generator');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Prime generator' }).waitFor();
    // Enter in a field submits the form: the job page follows.
    await page.getByLabel('Maximum value of the search range').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/jobs\/[^/]+$/);
    await page.getByTestId('job-status').getByText('successful').waitFor({ timeout: 30_000 });
  });

  it('fits a 390 px wide window', async () => {
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 390, height: 844 });
    for (const hash of ['#/', '#/processes/scene_link', '#/jobs']) {
      await narrow.goto(`${app.origin}/${hash}`);
      await narrow.getByRole('heading', { level: 1 }).waitFor();
      await narrow.locator('.loading').waitFor({ state: 'detached' });
      const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
      expect(width, hash).toBeLessThanOrEqual(390);
    }
    await narrow.close();
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
