/**
 * Every widget of the generated form, in Chromium through `s2gos app`, against a process whose
 * inputs need them (test/helpers/all-widgets-process.mjs): select, checkbox, bounded integer and
 * number (OpenAPI's boolean exclusiveMinimum), date, date-time, list, nested object, nullable,
 * four-number bbox and the JSON editor.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../async/test/helpers/chromium.js';
import { type Started, startAppCommand, startWidgetsServer } from './helpers/processes.js';

let server: Started & { url: string };
let app: Started & { url: string; origin: string };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startWidgetsServer();
  [app, browser] = await Promise.all([startAppCommand(server.url), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(app.url);
  await page.goto(`${app.origin}/#/processes/all_widgets`);
  await page.getByRole('heading', { name: 'All widgets' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), server?.stop()]);
});

it('checks the bounds, including an exclusive one, next to the fields', async () => {
  await page.getByLabel('Count').fill('11');
  await page.getByLabel('Ratio').fill('0');
  await page.getByRole('button', { name: 'Execute' }).click();
  await page.locator('#root_count__error').getByText('must be at most 10').waitFor();
  await page.locator('#root_ratio__error').getByText('must be greater than 0').waitFor();
  await page.locator('#root_day__error').getByText('is required').waitFor();
});

it('fills every widget and sends the values as typed', async () => {
  const colour = page.getByLabel('Colour');
  expect(await colour.locator('option:checked').textContent()).toBe('green');
  await colour.selectOption({ label: 'blue' });
  await page.getByLabel('Verbose').check();
  await page.getByLabel('Count').fill('3');
  await page.getByLabel('Ratio').fill('0.5');
  await page.getByLabel('Day').fill('2025-06-01');
  await page.getByLabel('Start time').fill('2025-06-01T12:30');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator('#root_tags_0').fill('alpha');
  await page.getByLabel('Level').fill('2');
  await page.getByLabel('Label').fill('nested');
  const area = page.getByRole('group', { name: 'Area' });
  for (const [corner, value] of [
    ['West', '1'],
    ['South', '2'],
    ['East', '3'],
    ['North', '4'],
  ] as const) {
    await area.getByLabel(corner).fill(value);
  }
  await page.getByLabel(/Extra/).fill('{"any": ["json", 1]}');
  await page.getByRole('button', { name: 'Execute' }).click();
  await page.getByTestId('job-status').getByText('successful').waitFor({ timeout: 30_000 });
  await page.getByText('Results as JSON').click();
  const { received } = JSON.parse(
    (await page.locator('.results .json-preview').textContent()) ?? '',
  );
  expect(received).toEqual({
    colour: 'blue',
    verbose: true,
    count: 3,
    ratio: 0.5,
    day: '2025-06-01',
    start: expect.stringMatching(/^2025-06-01T\d\d:30:00(\.000)?Z$/),
    tags: ['alpha'],
    options: { level: 2, label: 'nested' },
    limit: null,
    area: [1, 2, 3, 4],
    extra: { any: ['json', 1] },
  });
  // The options object is shown as a tree, the tags as a list of values.
  await page.getByRole('region', { name: 'Output received' }).locator('dl.tree').first().waitFor();
});
