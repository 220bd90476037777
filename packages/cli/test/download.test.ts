/** `get-job-results JOB_ID -o DIR` writes the results as files, the map_image PNG byte for byte. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

const serverUrl = inject('cliServerUrl');
let home: string;
let dir: string;

beforeAll(async () => {
  home = makeHome();
  dir = mkdtempSync(join(tmpdir(), 's2gos-cli-download-'));
  expect((await s2gos(home, ['configure', '-s', serverUrl, '-t', TEST_TOKEN])).code).toBe(0);
});
afterAll(() => {
  removeHome(home);
  rmSync(dir, { recursive: true, force: true });
});

it('gjr -o DIR --wait downloads the map_image PNG and says what it wrote', async () => {
  const started = await s2gos(home, [
    'ep',
    'map_image',
    '-i',
    'bbox={"bbox":[5,45,15,55]}',
    '-i',
    'width=40',
    '-f',
    'json',
  ]);
  expect(started.code, started.stderr).toBe(0);
  const jobId = JSON.parse(started.stdout).jobID;
  const out = join(dir, 'out');
  const result = await s2gos(home, ['gjr', jobId, '--wait', '-o', out, '-f', 'json']);
  expect(result.code, result.stderr).toBe(0);
  const { files } = JSON.parse(result.stdout);
  expect(files).toEqual([
    expect.objectContaining({ output: 'image', path: join(out, 'image.png'), source: 'link' }),
  ]);
  expect(readdirSync(out)).toEqual(['image.png']);
  const png = readFileSync(join(out, 'image.png'));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBe(files[0].bytes);
  expect(result.stderr).toContain(`downloaded image (${png.length} bytes)`);
  expect(result.stderr + result.stdout).not.toContain(TEST_TOKEN);
});

it('gjr -o DIR replaces a file already in DIR only with --overwrite', async () => {
  const started = await s2gos(home, ['ep', 'echo', '-i', 'value="new"', '--wait', '-f', 'json']);
  expect(started.code, started.stderr).toBe(0);
  const listed = await s2gos(home, ['lj', '-f', 'json']);
  const jobId = JSON.parse(listed.stdout).jobs[0].jobID;
  const results = await s2gos(home, ['gjr', jobId, '-f', 'json']);
  const output = Object.keys(JSON.parse(results.stdout))[0];
  const out = mkdtempSync(join(dir, 'own-'));
  const mine = join(out, `${output}.json`);
  writeFileSync(mine, 'my notes');

  const refused = await s2gos(home, ['gjr', jobId, '-o', out]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(JSON.stringify(mine));
  expect(refused.stderr).toContain('--overwrite');
  expect(readFileSync(mine, 'utf8')).toBe('my notes');

  const replaced = await s2gos(home, ['gjr', jobId, '-o', out, '--overwrite']);
  expect(replaced.code, replaced.stderr).toBe(0);
  expect(JSON.parse(readFileSync(mine, 'utf8'))).toBe('new');

  const alone = await s2gos(home, ['gjr', jobId, '--overwrite']);
  expect(alone.code).toBe(1);
  expect(alone.stderr).toContain('--overwrite applies to the files of --output');
});

it('gjr -o DIR stops on Ctrl-C with 130, keeping the partial file and saying so', async () => {
  // A server whose one result is a link to a file that never finishes arriving.
  let downloading: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    downloading = resolve;
  });
  const server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    if (req.url?.startsWith('/jobs/j1/results')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ big: { href: `http://127.0.0.1:${port}/big`, type: 'text/plain' } }),
      );
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000000' });
      res.write('x'.repeat(1000), () => downloading());
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const out = join(dir, 'interrupted');
  try {
    const { port } = server.address() as AddressInfo;
    const result = await s2gos(home, ['gjr', 'j1', '-o', out, '-s', `http://127.0.0.1:${port}`], {
      // Ctrl-C once the file is on its way; the s2gos helper kills a hung child after 25 s.
      onSpawn: (child) => void started.then(() => child.kill('SIGINT')),
    });
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 130, signal: null });
    expect(result.stderr).toContain(
      'Stopped downloading the results of job j1: unfinished files are kept as .part',
    );
    expect(result.stdout).toBe('');
    expect(existsSync(join(out, 'big.txt.part'))).toBe(true);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
