/** The blocking downloadResults writes the map_image PNG through the worker. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, ClientError, ErrorType } from '@s2gos/sync';
import { afterAll, expect, inject, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 's2gos-sync-download-'));
const client = new Client({ serverUrl: inject('serverUrl') });
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

it('downloads a file result, blocking, and refuses onProgress', async () => {
  const { job, results } = client.executeAndWait('map_image', {
    inputs: { bbox: { bbox: [-10, 30, 10, 50] }, width: 32, height: 32 },
  });
  const files = client.downloadResults(job.jobID, { dir });
  expect(files).toEqual([expect.objectContaining({ output: 'image', source: 'link' })]);
  expect(readdirSync(dir)).toEqual(['image.png']);
  const href = (results.image as { href: string }).href;
  const expected = Buffer.from(await (await fetch(href)).arrayBuffer());
  expect(readFileSync(join(dir, 'image.png')).equals(expected)).toBe(true);
  let error: unknown;
  try {
    client.downloadResults(job.jobID, { dir, onProgress: () => {} } as never);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ClientError);
  expect((error as ClientError).apiError.type).toBe(ErrorType.invalidArgument);
});

it('replaces a file already in dir only with overwrite: true', () => {
  const { job } = client.executeAndWait('echo', { inputs: { value: 'new' } });
  const out = mkdtempSync(join(dir, 'own-'));
  const [output] = Object.keys(client.getJobResults(job.jobID));
  const mine = join(out, `${output}.json`);
  writeFileSync(mine, 'my notes');
  let error: unknown;
  try {
    client.downloadResults(job.jobID, { dir: out });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ClientError);
  expect((error as ClientError).message).toContain(JSON.stringify(mine));
  expect(readFileSync(mine, 'utf8')).toBe('my notes');
  client.downloadResults(job.jobID, { dir: out, overwrite: true });
  expect(JSON.parse(readFileSync(mine, 'utf8'))).toBe('new');
});
