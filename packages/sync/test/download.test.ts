/** The blocking downloadResults writes the map_image PNG through the worker. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
