/**
 * downloadResults: the map_image file of the real server, a transfer cut off and resumed, links
 * to another origin, output ids and links that try to leave the directory.
 */
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncClient, ClientError, ErrorType } from '../src/index.js';
import { startServer, TOKEN } from './helpers/demo-server.js';
import { sendJson, startTestServer, type TestServer } from './helpers/http-server.js';

const run = promisify(execFile);
let server: Awaited<ReturnType<typeof startServer>>;
const temp: string[] = [];
const servers: TestServer[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await server.close();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** A fresh parent directory with the download directory `out` inside it. */
function directories() {
  const parent = mkdtempSync(join(tmpdir(), 's2gos-download-'));
  temp.push(parent);
  return { parent, dir: join(parent, 'out') };
}

/** Every file below `dir`, relative. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** A server that answers /jobs/job-1/results with `results` and files with `file`. */
async function resultServer(
  results: (origin: string) => unknown,
  file: Parameters<typeof startTestServer>[0],
): Promise<TestServer> {
  const started = await startTestServer((request, response, raw) => {
    if (request.url === '/jobs/job-1/results') {
      sendJson(response, 200, results(`http://${raw.headers.host}`));
    } else {
      return file(request, response, raw);
    }
  });
  servers.push(started);
  return started;
}

/**
 * Sends `bytes` of a longer body, then closes the connection cleanly (FIN) once the client has
 * had time to read them: fetch drops the chunks it still queues when the body ends short.
 */
function cutAfterWrite(response: ServerResponse, bytes: Buffer): void {
  response.write(bytes, () => setTimeout(() => response.socket?.end(), 300));
}

describe('downloadResults', () => {
  it('writes the map_image PNG byte for byte, and inline values as JSON', async () => {
    const client = new AsyncClient({ serverUrl: server.url });
    const { job, results } = await client.executeAndWait('map_image', {
      inputs: { bbox: { bbox: [0, 40, 20, 60] }, width: 64, height: 48 },
    });
    const { dir } = directories();
    const seen: number[] = [];
    const written = await client.downloadResults(job.jobID, {
      dir,
      onProgress: (p) => seen.push(p.received),
    });
    expect(written.map((f) => [f.output, f.source, f.mediaType])).toEqual([
      ['image', 'link', 'image/png'],
    ]);
    const href = (results.image as { href: string }).href;
    const expected = Buffer.from(await (await fetch(href)).arrayBuffer());
    expect(readFileSync(join(dir, 'image.png')).equals(expected)).toBe(true);
    expect(written[0]?.bytes).toBe(expected.length);
    expect(seen.at(-1)).toBe(expected.length);
    expect(files(dir)).toEqual(['image.png']);

    const echoed = await client.executeAndWait('echo', { inputs: { value: { a: [1, 'x'] } } });
    const inline = await client.downloadResults(echoed.job.jobID, { dir });
    expect(inline.map((f) => f.source)).toEqual(Object.keys(echoed.results).map(() => 'inline'));
    for (const file of inline) {
      expect(JSON.parse(readFileSync(file.path, 'utf8'))).toEqual(echoed.results[file.output]);
    }
  });

  it('resumes a transfer the server cut off, with Range', async () => {
    const body = Buffer.alloc(200_000, 7);
    body.write('start');
    body.write('end', body.length - 3);
    let transfers = 0;
    const cutting = await resultServer(
      (origin) => ({ data: { href: `${origin}/files/data`, type: 'application/octet-stream' } }),
      (request, response) => {
        const range = /^bytes=(\d+)-$/.exec(String(request.headers.range ?? ''));
        if (transfers++ === 0) {
          response.writeHead(200, {
            'content-length': body.length,
            'accept-ranges': 'bytes',
            etag: '"v1"',
          });
          cutAfterWrite(response, body.subarray(0, 70_000));
          return;
        }
        const start = range ? Number(range[1]) : 0;
        response.writeHead(range ? 206 : 200, {
          etag: '"v1"',
          'content-length': body.length - start,
          ...(range ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
        });
        response.end(body.subarray(start));
      },
    );
    const client = new AsyncClient({ serverUrl: cutting.url, retry: 0 });
    const { dir } = directories();
    const [file] = await client.downloadResults('job-1', { dir });
    expect(readFileSync(join(dir, 'data.bin')).equals(body)).toBe(true);
    expect(file?.bytes).toBe(body.length);
    const ranges = cutting.requests.map((r) => r.headers.range).filter(Boolean);
    expect(ranges).toHaveLength(1);
    expect(Number(/\d+/.exec(String(ranges[0]))?.[0])).toBeGreaterThan(0);
    expect(files(dir)).toEqual(['data.bin']);
  });

  describe('a partial file left by an earlier call', () => {
    const size = 300_000;
    /**
     * A file server that honours `Range` only under `If-Range` with the current ETag, as RFC 9110
     * has it, and, while `cutting`, closes every transfer after 50,000 bytes.
     */
    async function versionedServer(cutting: () => boolean, version: () => string) {
      return resultServer(
        (origin) => ({ data: { href: `${origin}/files/data`, type: 'application/octet-stream' } }),
        (request, response) => {
          const body = Buffer.alloc(size, version());
          const etag = `"${version()}"`;
          const ifRange = request.headers['if-range'];
          const range =
            ifRange === undefined || ifRange === etag
              ? /^bytes=(\d+)-$/.exec(String(request.headers.range ?? ''))
              : null;
          const start = range ? Number(range[1]) : 0;
          if (start >= size) {
            return void response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
          }
          response.writeHead(range ? 206 : 200, {
            etag,
            'content-length': size - start,
            ...(range ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
          });
          if (!cutting()) return void response.end(body.subarray(start));
          cutAfterWrite(response, body.subarray(start, start + 50_000));
        },
      );
    }

    /** Leaves a partial file: every attempt of the call is cut off. */
    async function cutOff(client: AsyncClient, dir: string) {
      const error = await client.downloadResults('job-1', { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).message).toContain('calling downloadResults again resumes it');
      expect(statSync(join(dir, 'data.bin.part')).size).toBeGreaterThan(0);
    }

    it('is continued when the file is the same version', async () => {
      let cutting = true;
      const fileServer = await versionedServer(
        () => cutting,
        () => 'a',
      );
      const client = new AsyncClient({ serverUrl: fileServer.url, retry: 0 });
      const { dir } = directories();
      await cutOff(client, dir);
      const have = statSync(join(dir, 'data.bin.part')).size;
      cutting = false;
      const before = fileServer.requests.length;
      await client.downloadResults('job-1', { dir });
      expect(readFileSync(join(dir, 'data.bin')).equals(Buffer.alloc(size, 'a'))).toBe(true);
      const resume = fileServer.requests.slice(before).find((r) => r.url === '/files/data');
      expect(resume?.headers.range).toBe(`bytes=${have}-`);
      expect(resume?.headers['if-range']).toBe('"a"');
      expect(readdirSync(dir)).toEqual(['data.bin']);
    });

    it('starts over when it is as long as the file (416)', async () => {
      const fileServer = await versionedServer(
        () => false,
        () => 'a',
      );
      const client = new AsyncClient({ serverUrl: fileServer.url, retry: 0 });
      const { dir } = directories();
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'data.bin.part'), Buffer.alloc(size, 'a'));
      writeFileSync(join(dir, 'data.bin.part.version'), `"a"\n${fileServer.url}/files/data`);
      await client.downloadResults('job-1', { dir });
      expect(readFileSync(join(dir, 'data.bin')).equals(Buffer.alloc(size, 'a'))).toBe(true);
      expect(readdirSync(dir)).toEqual(['data.bin']);
      const ranges = fileServer.requests.filter((r) => r.url === '/files/data');
      expect(ranges.map((r) => r.headers.range)).toEqual([`bytes=${size}-`, undefined]);
    });

    it('is replaced, not mixed with the new one, when the file changed', async () => {
      let cutting = true;
      let version = 'a';
      const fileServer = await versionedServer(
        () => cutting,
        () => version,
      );
      const client = new AsyncClient({ serverUrl: fileServer.url, retry: 0 });
      const { dir } = directories();
      await cutOff(client, dir);
      cutting = false;
      version = 'b';
      await client.downloadResults('job-1', { dir });
      expect(readFileSync(join(dir, 'data.bin')).equals(Buffer.alloc(size, 'b'))).toBe(true);
      expect(readdirSync(dir)).toEqual(['data.bin']);
    });
  });

  // nginx's ETag is the file's mtime and size: two jobs' files of one size written in the same
  // second share it, so the validator alone cannot tell that a partial file is another file.
  it('does not continue the partial file of another job’s output with this one’s bytes', async () => {
    const size = 300_000;
    const fill: Record<string, string> = { '/files/one': 'a', '/files/two': 'b' };
    let cutting = true;
    const fileServer = await startTestServer((request, response, raw) => {
      const job = /^\/jobs\/(job-1|job-2)\/results$/.exec(request.url)?.[1];
      if (job) {
        const href = `http://${raw.headers.host}/files/${job === 'job-1' ? 'one' : 'two'}`;
        return sendJson(response, 200, { data: { href, type: 'application/octet-stream' } });
      }
      const body = Buffer.alloc(size, fill[request.url] ?? 'x');
      const range =
        request.headers['if-range'] === '"same"'
          ? /^bytes=(\d+)-$/.exec(String(request.headers.range ?? ''))
          : null;
      const start = range ? Number(range[1]) : 0;
      response.writeHead(range ? 206 : 200, {
        etag: '"same"',
        'content-length': size - start,
        ...(range ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
      });
      if (!cutting) return void response.end(body.subarray(start));
      cutAfterWrite(response, body.subarray(start, start + 50_000));
    });
    servers.push(fileServer);
    const client = new AsyncClient({ serverUrl: fileServer.url, retry: 0 });
    const { dir } = directories();
    await expect(client.downloadResults('job-1', { dir })).rejects.toThrow(ClientError);
    expect(statSync(join(dir, 'data.bin.part')).size).toBeGreaterThan(0);
    cutting = false;
    await client.downloadResults('job-2', { dir });
    expect(readFileSync(join(dir, 'data.bin')).equals(Buffer.alloc(size, 'b'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['data.bin']);
  });

  it('sends the token to the server origin only, never with a link to another origin', async () => {
    const elsewhere = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n');
    });
    servers.push(elsewhere);
    const own = await resultServer(
      (origin) => ({
        here: { href: `${origin}/files/here`, type: 'text/csv' },
        there: { href: `${elsewhere.url}/files/there`, type: 'text/csv' },
      }),
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/csv' }).end('x\n');
      },
    );
    const client = new AsyncClient({ serverUrl: own.url, accessToken: TOKEN });
    const { dir } = directories();
    await client.downloadResults('job-1', { dir });
    expect(files(dir)).toEqual(['here.csv', 'there.csv']);
    const file = own.requests.find((r) => r.url === '/files/here');
    expect(file?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(elsewhere.requests).toHaveLength(1);
    expect(JSON.stringify(elsewhere.requests[0]?.headers)).not.toContain(TOKEN);
  });

  it('writes nothing outside dir, whatever the output ids and links', async () => {
    const hostile = await resultServer(
      (origin) => ({
        '../../escape': { href: `${origin}/files/../../../etc/passwd`, type: 'text/plain' },
        '/abs/path': { href: `${origin}/x/..%2F..%2Fy`, type: '../../weird' },
        '..': 42,
        '.hidden': 'value',
        'a\\b': { href: `${origin}/z`, type: 'image/png' },
      }),
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('content');
      },
    );
    const client = new AsyncClient({ serverUrl: hostile.url });
    const { parent, dir } = directories();
    const written = await client.downloadResults('job-1', { dir });
    expect(readdirSync(parent)).toEqual(['out']);
    expect(files(dir)).toEqual(written.map((f) => f.path.slice(dir.length + 1)).sort());
    for (const file of written) expect(file.path.startsWith(`${dir}/`)).toBe(true);
    expect(files(dir).every((name) => !name.includes('/') && !name.startsWith('.'))).toBe(true);
    expect(files(dir)).toHaveLength(5);
  });

  // Names are cut at 200 characters; the counter that tells apart ids mapping to one name once
  // went before the cut, so these ids got one name forever: a synchronous endless loop, hence
  // the child process with a time limit.
  it('gives distinct files to long output ids that agree in their first 200 characters', async () => {
    const long = 'x'.repeat(210);
    const results = { [`${long}-a`]: 1, [`${long}-b`]: 2, [`${long}/c`]: 3 };
    const server = await resultServer(
      () => results,
      (_request, response) => {
        response.writeHead(404).end();
      },
    );
    const { dir } = directories();
    const script = fileURLToPath(new URL('./fixtures/download-child.mjs', import.meta.url));
    const { stdout } = await run(process.execPath, [script, server.url, dir], {
      timeout: 20_000,
    });
    const written: { output: string; path: string }[] = JSON.parse(stdout).files;
    expect(written.map((f) => f.output)).toEqual(Object.keys(results));
    expect(new Set(written.map((f) => f.path)).size).toBe(3);
    for (const file of written) {
      expect(JSON.parse(readFileSync(file.path, 'utf8'))).toBe(results[file.output]);
    }
  }, 30_000);

  it('names the outputs a job does not have', async () => {
    const client = new AsyncClient({ serverUrl: server.url });
    const { job } = await client.executeAndWait('echo', { inputs: { value: 1 } });
    const error = await client
      .downloadResults(job.jobID, { dir: directories().dir, outputs: ['nope'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).message).toContain('"nope"');
  });

  it('replaces no file already in dir unless asked to, and writes nothing then', async () => {
    const client = new AsyncClient({ serverUrl: server.url });
    const { job, results } = await client.executeAndWait('map_image', {
      inputs: { bbox: { bbox: [0, 40, 20, 60] }, width: 16, height: 8 },
    });
    const echoed = await client.executeAndWait('echo', { inputs: { value: 'new' } });
    const { dir } = directories();
    mkdirSync(dir);
    // The user's own files under the names the outputs get (`image.png`, `<output>.json`).
    const output = Object.keys(echoed.results)[0] as string;
    writeFileSync(join(dir, 'image.png'), 'my picture');
    writeFileSync(join(dir, `${output}.json`), 'my notes');

    for (const [jobId, name] of [
      [job.jobID, 'image.png'],
      [echoed.job.jobID, `${output}.json`],
    ] as const) {
      const error = await client.downloadResults(jobId, { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).apiError.type).toBe(ErrorType.invalidArgument);
      expect((error as ClientError).message).toContain(JSON.stringify(join(dir, name)));
      expect((error as ClientError).message).toContain('overwrite: true');
    }
    expect(readFileSync(join(dir, 'image.png'), 'utf8')).toBe('my picture');
    expect(readFileSync(join(dir, `${output}.json`), 'utf8')).toBe('my notes');
    expect(files(dir)).toEqual([`${output}.json`, 'image.png'].sort());

    await client.downloadResults(job.jobID, { dir, overwrite: true });
    const href = (results.image as { href: string }).href;
    const expected = Buffer.from(await (await fetch(href)).arrayBuffer());
    expect(readFileSync(join(dir, 'image.png')).equals(expected)).toBe(true);
  });
});

describe('downloadResults after a call that stopped half-way', () => {
  it('keeps the files that call completed and goes on with the rest, without overwrite', async () => {
    const first = Buffer.alloc(50_000, 1);
    const second = Buffer.alloc(80_000, 2);
    let cutSecond = true;
    const sent: string[] = [];
    const halves = await resultServer(
      (origin) => ({
        a: { href: `${origin}/files/a`, type: 'application/octet-stream' },
        b: { href: `${origin}/files/b`, type: 'application/octet-stream' },
      }),
      (request, response) => {
        sent.push(String(request.url));
        const body = request.url === '/files/a' ? first : second;
        response.writeHead(200, { 'content-length': body.length });
        if (request.url === '/files/b' && cutSecond) cutAfterWrite(response, body.subarray(0, 100));
        else response.end(body);
      },
    );
    const client = new AsyncClient({ serverUrl: halves.url });
    const { dir } = directories();
    const stopped = await client.downloadResults('job-1', { dir }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ClientError);
    expect(readFileSync(join(dir, 'a.bin')).equals(first)).toBe(true);
    expect(sent.filter((url) => url === '/files/a')).toHaveLength(1);

    cutSecond = false;
    const written = await client.downloadResults('job-1', { dir });
    expect(written.map((file) => [file.output, file.bytes])).toEqual([
      ['a', first.length],
      ['b', second.length],
    ]);
    expect(sent.filter((url) => url === '/files/a')).toHaveLength(1);
    expect(readFileSync(join(dir, 'b.bin')).equals(second)).toBe(true);
    expect(files(dir)).toEqual(['a.bin', 'b.bin']);
  }, 30_000);
});

describe('downloadResults into a folder it cannot write to', () => {
  it('is a fileSystem ClientError naming the path, tried once', async () => {
    let transfers = 0;
    const files = await resultServer(
      (origin) => ({ data: { href: `${origin}/files/data`, type: 'text/plain' } }),
      (_request, response) => {
        transfers++;
        response.end('data');
      },
    );
    const client = new AsyncClient({ serverUrl: files.url });
    const { parent } = directories();
    // `dir` is a file: its files cannot be created.
    const notADir = join(parent, 'file');
    writeFileSync(notADir, 'mine');
    // A directory stands where the link's partial file would go: the write fails.
    const blocked = join(parent, 'blocked');
    mkdirSync(join(blocked, 'data.txt.part'), { recursive: true });
    for (const dir of [notADir, blocked]) {
      const error = await client.downloadResults('job-1', { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).apiError.type).toBe(ErrorType.fileSystem);
      expect((error as ClientError).message).toContain(dir);
      expect((error as ClientError).message).toMatch(/ENOTDIR|EEXIST|EISDIR/);
    }
    expect(readFileSync(notADir, 'utf8')).toBe('mine');
    // The second folder's write failed after one transfer: no retry of what cannot succeed.
    expect(transfers).toBe(1);
  });
});

describe('downloadResults in bounded memory', () => {
  it('streams a file far larger than the heap to disk', async () => {
    const size = 320 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 1);
    const big = await resultServer(
      (origin) => ({ big: { href: `${origin}/files/big`, type: 'application/octet-stream' } }),
      (_request, response) => {
        response.writeHead(200, { 'content-length': size });
        let sent = 0;
        const more = () => {
          while (sent < size) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', more);
          }
          response.end();
        };
        more();
      },
    );
    const { dir } = directories();
    const script = fileURLToPath(new URL('./fixtures/download-child.mjs', import.meta.url));
    const { stdout } = await run(process.execPath, [
      '--max-old-space-size=48',
      script,
      big.url,
      dir,
    ]);
    const { files: written, peak } = JSON.parse(stdout);
    expect(written[0].bytes).toBe(size);
    expect(statSync(join(dir, 'big.bin')).size).toBe(size);
    // A client that held the body in memory would hold the whole file in buffers.
    expect(peak).toBeLessThan(size / 2);
  }, 120_000);
});
