/**
 * The app's production build: JavaScript and CSS gzipped (target ≤ 300 kB in total), and the
 * time from navigation to the process list shown, through `s2gos app` in front of the local
 * server (median of 10 loads, each in a fresh browser context, so nothing comes from a cache).
 * Needs `pnpm build` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../async/test/helpers/chromium.js';
import { startAppCommand, startDemoServer } from '../test/helpers/processes.js';

const ASSETS = fileURLToPath(new URL('../dist/www/assets/', import.meta.url));
const LOADS = 10;
const TARGET_KB = 300;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const files = readdirSync(ASSETS).filter((name) => /\.(js|css)$/.test(name));
let total = 0;
let initial = 0;
console.log('Production build, gzipped (level 9):');
for (const name of files) {
  const raw = readFileSync(join(ASSETS, name));
  const gzipped = gzipSync(raw, { level: 9 }).length;
  total += gzipped;
  // index.html loads the entry chunk and the CSS; the form and YAML chunks load when needed.
  if (name.startsWith('index-')) initial += gzipped;
  console.log(
    `  ${name.padEnd(32)} ${kb(raw.length).padStart(10)} raw ${kb(gzipped).padStart(10)} gzipped`,
  );
}
console.log(`  loaded by the first page: ${kb(initial)} gzipped`);
console.log(
  `  total JS + CSS: ${kb(total)} gzipped (target ≤ ${TARGET_KB} kB: ${total <= TARGET_KB * 1024 ? 'met' : 'NOT met'})`,
);

const server = await startDemoServer();
const app = await startAppCommand(server.url);
const browser = await launchChromium();
try {
  // The session cookie, taken once and given to every fresh context.
  const login = await browser.newContext();
  await (await login.newPage()).goto(app.url);
  const cookies = await login.cookies();
  await login.close();

  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(`${app.origin}/#/`);
    await page.getByRole('link', { name: 'Prime generator' }).waitFor();
    times.push(performance.now() - start);
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = ((times[LOADS / 2 - 1] ?? 0) + (times[LOADS / 2] ?? 0)) / 2;
  console.log(`\nNavigation to the process list shown, ${LOADS} cold loads through s2gos app:`);
  console.log(
    `  median ${median.toFixed(0)} ms (min ${times[0]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms)`,
  );
} finally {
  await browser.close();
  await Promise.all([app.stop(), server.stop()]);
}
