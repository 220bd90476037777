/** `get-job-results JOB_ID -o DIR` writes the results as files, the map_image PNG byte for byte. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
