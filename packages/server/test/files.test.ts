// File results: `map_image` renders a PNG that the server serves itself, with Content-Type,
// Content-Length and Range support, also when the app is mounted under a base path.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../dist/index.js';
import { expectProblem, TestServer, testProcesses } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());

interface FileLink {
  href: string;
  type: string;
}

async function makeFile(size: number): Promise<FileLink> {
  const answer = await server.execute(
    'file_maker',
    { inputs: { size } },
    { Prefer: 'respond-sync' },
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { file: FileLink }).file;
}

const expected = (start: number, end: number) =>
  Array.from({ length: end - start }, (_, i) => (start + i) % 251);

describe('map_image', () => {
  it('returns a link to a PNG of the requested size that the server serves', async () => {
    const answer = await server.execute(
      'map_image',
      { inputs: { bbox: { bbox: [5, 45, 15, 55] }, width: 120, height: 80 } },
      { Prefer: 'respond-sync' },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { image } = answer.body as { image: FileLink & { title: string } };
    expect(image.type).toBe('image/png');
    expect(image.href).toMatch(new RegExp(`^${server.url}/jobs/[0-9a-f-]{36}/files/map\\.png$`));

    const res = await fetch(image.href);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    expect(res.headers.get('Accept-Ranges')).toBe('bytes');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('Content-Length'))).toBe(bytes.length);
    const png = pngjs.PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([120, 80]);
  });

  it('runs asynchronously too, with the link in the results document', async () => {
    const answer = await server.execute('map_image', {
      inputs: { bbox: { bbox: [170, -10, -170, 10] } },
    });
    const { jobID } = answer.body as { jobID: string };
    let results: { image?: FileLink } = {};
    for (let i = 0; i < 2000 && results.image === undefined; i++) {
      const res = await server.fetch(`/jobs/${jobID}/results`);
      if (res.status === 200) results = res.body as { image: FileLink };
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const png = pngjs.PNG.sync.read(
      Buffer.from(await (await fetch(results.image?.href ?? '')).arrayBuffer()),
    );
    expect([png.width, png.height]).toEqual([256, 256]);
  });
});

describe('GET /jobs/{jobID}/files/{name}', () => {
  it('answers ranges with 206 and Content-Range', async () => {
    const { href } = await makeFile(1000);
    for (const [range, start, end] of [
      ['bytes=10-19', 10, 20],
      ['bytes=990-', 990, 1000],
      ['bytes=-5', 995, 1000],
      ['bytes=900-5000', 900, 1000],
    ] as const) {
      const res = await fetch(href, { headers: { Range: range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('Content-Range')).toBe(`bytes ${start}-${end - 1}/1000`);
      expect(Number(res.headers.get('Content-Length'))).toBe(end - start);
      expect([...new Uint8Array(await res.arrayBuffer())]).toEqual(expected(start, end));
    }
  });

  it('answers a range past the end with 416 and the size', async () => {
    const { href } = await makeFile(1000);
    for (const range of ['bytes=1000-', 'bytes=5000-6000', 'bytes=-0']) {
      const res = await fetch(href, { headers: { Range: range } });
      expect(res.status, range).toBe(416);
      expect(res.headers.get('Content-Range')).toBe('bytes */1000');
      await res.text();
    }
  });

  it('sends the whole file for ranges it does not serve (several, other units, malformed)', async () => {
    const { href } = await makeFile(300);
    for (const range of ['bytes=0-1,5-6', 'items=0-1', 'bytes=5-2', 'bytes=x-']) {
      const res = await fetch(href, { headers: { Range: range } });
      expect(res.status, range).toBe(200);
      expect([...new Uint8Array(await res.arrayBuffer())]).toEqual(expected(0, 300));
    }
  });

  it('serves a range only under If-Range with the current ETag', async () => {
    const { href } = await makeFile(300);
    const etag = (await fetch(href, { method: 'HEAD' })).headers.get('ETag') ?? '';
    expect(etag).toMatch(/^"/);
    const same = await fetch(href, { headers: { Range: 'bytes=100-', 'If-Range': etag } });
    expect(same.status).toBe(206);
    expect([...new Uint8Array(await same.arrayBuffer())]).toEqual(expected(100, 300));
    const other = await fetch(href, { headers: { Range: 'bytes=100-', 'If-Range': '"older"' } });
    expect(other.status).toBe(200);
    expect([...new Uint8Array(await other.arrayBuffer())]).toEqual(expected(0, 300));
  });

  it('answers HEAD with the length and no body', async () => {
    const { href } = await makeFile(1234);
    const res = await fetch(href, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Length')).toBe('1234');
    expect(await res.text()).toBe('');
  });

  it('answers 404 no-such-file for a name the job did not save', async () => {
    const { href } = await makeFile(10);
    const path = new URL(href).pathname.replace(/data\.bin$/, 'other.bin');
    expectProblem(await server.fetch(path), 404, 'urn:s2gos:problem:no-such-file');
  });

  it('fails a job that saves a file under a name that is not one path segment', async () => {
    const answer = await server.execute(
      'file_maker',
      { inputs: { size: 1, name: '../escape' } },
      { Prefer: 'respond-sync' },
    );
    const body = expectProblem(answer, 500, 'urn:s2gos:problem:job-failed');
    expect(body.detail).toContain("File name '../escape' is not allowed");
  });

  it.each([
    ['a header line break', 'text/plain\r\nX-Injected: 1'],
    ['a NUL', 'text/plain\u0000'],
    ['no subtype', 'text'],
  ])(
    'fails a job that saves a file with a media type that cannot be sent (%s)',
    async (_, mediaType) => {
      // Stored, such a file would answer every download with a 500.
      const answer = await server.execute(
        'file_maker',
        { inputs: { size: 1, mediaType } },
        { Prefer: 'respond-sync' },
      );
      const body = expectProblem(answer, 500, 'urn:s2gos:problem:job-failed');
      expect(body.detail).toContain("of file 'data.bin' is not allowed");
    },
  );

  it('serves a file with media type parameters as its Content-Type', async () => {
    const answer = await server.execute(
      'file_maker',
      { inputs: { size: 3, mediaType: 'text/plain; charset=utf-8' } },
      { Prefer: 'respond-sync' },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const res = await fetch((answer.body as { file: FileLink }).file.href);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
  });
});

describe('behind a base path', () => {
  it('links files under the path the app is mounted at', async () => {
    const root = new Hono().route('/api/v1', createApp({ processes: testProcesses }));
    const http = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => http.once('listening', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1`;
    try {
      const res = await fetch(`${base}/processes/file_maker/execution`, {
        method: 'POST',
        headers: { Prefer: 'respond-sync' },
        body: JSON.stringify({ inputs: { size: 50 } }),
      });
      expect(res.status).toBe(200);
      const { file } = (await res.json()) as { file: FileLink };
      expect(file.href.startsWith(`${base}/jobs/`)).toBe(true);
      const ranged = await fetch(file.href, { headers: { Range: 'bytes=40-' } });
      expect(ranged.status).toBe(206);
      expect([...new Uint8Array(await ranged.arrayBuffer())]).toEqual(expected(40, 50));
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
