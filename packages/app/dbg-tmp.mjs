import { chromium } from 'playwright-core';

const url = process.argv[2];
const origin = new URL(url).origin;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('pageerror', (e) => console.log('pageerror', e.stack));
await page.goto(url);
await page.goto(origin + '/#/processes/sleep_a_while');
await page.getByLabel('Duration in seconds').fill('0.2');
await page.getByLabel('Force failure').check();
await page.getByRole('button', { name: 'Execute' }).click();
await page.waitForTimeout(3000);
console.log(await page.locator('main').innerText());
await page.goto(origin + '/#/processes/scene_link');
const bbox = page.getByRole('group', { name: /Bounding box/ });
await bbox.getByLabel('West').fill('5.5');
await page.waitForTimeout(500);
console.log(await page.locator('main').innerText());
await browser.close();
