/**
 * The client against servers that misbehave on purpose (issue 11, "Clients"): huge and
 * compressed bodies, lying `Content-Length`, redirect loops, `Location` on another origin, and
 * requests the client must refuse before sending. A call that could exhaust memory runs in a
 * child process with a capped heap, so a regression fails the test instead of the runner.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AsyncClient,
  ClientError,
  DEFAULT_MAX_RESPONSE_SIZE,
  ErrorType,
  TransportError,
} from '../src/index.js';
import { TOKEN } from './helpers/demo-server.js';
import { jobInfo, sendJson, startTestServer, type TestServer } from './helpers/http-server.js';

const MiB = 1024 * 1024;
const BOMB_SIZE = 128 * MiB;
let gzipBomb: Buffer;
let hostile: TestServer;
let other: TestServer;

beforeAll(async () => {
  gzipBomb = await gzip(BOMB_SIZE);
  other = await startTestServer((_, response) => sendJson(response, 200, jobInfo('elsewhere')));
  hostile = await startTestServer((request, response) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/endless/')) {
      // A JSON-looking body that never ends: only the client's limit stops it.
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(MiB, 0x20);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      response.write('{"jobs": [');
      pump();
    } else if (path.startsWith('/bomb/')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipBomb);
    } else if (path.startsWith('/announced/')) {
      // Announces more than the default limit, sends almost nothing.
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(DEFAULT_MAX_RESPONSE_SIZE + 1),
      });
      response.write('{"jobs": []}');
    } else if (path.startsWith('/loop/')) {
      response.writeHead(302, { location: path }).end();
    } else if (path.startsWith('/ftp/')) {
      response.writeHead(302, { location: 'ftp://127.0.0.1/jobs' }).end();
    } else if (path.startsWith('/elsewhere/')) {
      // A created job whose status is said to live on another origin.
      response.writeHead(201, { location: `${other.url}/jobs/j1` }).end();
    } else if (path.startsWith('/redirect-out/')) {
      response.writeHead(307, { location: `${other.url}/jobs/j1` }).end();
    } else {
      sendJson(response, 200, jobInfo('j1'));
    }
  });
});

afterAll(() => Promise.all([hostile.close(), other.close()]));

/** Runs one call of the built client in a child process with a 64 MiB heap. */
async function cappedCall(path: string, operation: string, client = {}, call = {}) {
  const script = fileURLToPath(new URL('./fixtures/capped-call.mjs', import.meta.url));
  const args = ['--max-old-space-size=64', script, `${hostile.url}${path}`, operation];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...args, JSON.stringify(client), JSON.stringify(call)],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), timeout: 60_000 },
  );
  return JSON.parse(stdout) as {
    ok: boolean;
    message: string;
    apiError: { type: string; limit?: number };
  };
}

async function gzip(size: number): Promise<Buffer> {
  const zip = createGzip();
  const chunks: Buffer[] = [];
  zip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => zip.on('end', resolve));
  const zeros = Buffer.alloc(MiB, 0x20);
  for (let written = 0; written < size; written += MiB) {
    if (!zip.write(zeros)) await new Promise((resolve) => zip.once('drain', resolve));
  }
  zip.end();
  await done;
  return Buffer.concat(chunks);
}

function failure(promise: Promise<unknown>): Promise<ClientError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ClientError);
      return error as ClientError;
    },
  );
}

describe('maxResponseSize', () => {
  it('ends a body that never ends at the client limit, in a 64 MiB heap', async () => {
    const outcome = await cappedCall('/endless/', 'getJobs', { maxResponseSize: 4 * MiB });
    expect(outcome.ok).toBe(false);
    expect(outcome.apiError.type).toBe(ErrorType.responseTooLarge);
    expect(outcome.apiError.limit).toBe(4 * MiB);
    expect(outcome.message).toContain(`maxResponseSize (${4 * MiB} bytes)`);
  });

  it('counts bytes after decompression: a gzip bomb ends at the per-call limit', async () => {
    expect(gzipBomb.length).toBeLessThan(MiB);
    const outcome = await cappedCall('/bomb/', 'getJobs', {}, { maxResponseSize: 2 * MiB });
    expect(outcome.apiError.type).toBe(ErrorType.responseTooLarge);
    expect(outcome.apiError.limit).toBe(2 * MiB);
  });

  it('refuses a Content-Length above the default limit before reading', async () => {
    const outcome = await cappedCall('/announced/', 'getJobs');
    expect(outcome.apiError.type).toBe(ErrorType.responseTooLarge);
    expect(outcome.apiError.limit).toBe(DEFAULT_MAX_RESPONSE_SIZE);
    expect(outcome.message).toContain('announced by Content-Length');
  });

  it('reads a body below the limit', async () => {
    const client = new AsyncClient({ serverUrl: hostile.url, maxResponseSize: 1024 });
    await expect(client.getJob('j1')).resolves.toMatchObject({ jobID: 'j1' });
  });

  it('rejects an invalid limit as an invalid argument', async () => {
    const client = new AsyncClient({ serverUrl: hostile.url });
    const error = await failure(client.getJob('j1', { maxResponseSize: -1 }));
    expect(error.apiError.type).toBe(ErrorType.invalidArgument);
  });
});

describe('no retry for what a retry cannot change', () => {
  it('a redirect loop is one call: at most 21 requests, a TransportError naming the loop', async () => {
    const before = hostile.requests.length;
    const client = new AsyncClient({ serverUrl: `${hostile.url}/loop/`, retry: 5 });
    const error = await failure(client.getCapabilities());
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toContain('redirect loop');
    expect(hostile.requests.length - before).toBe(21);
  });

  it('a redirect to an unsupported protocol is not retried', async () => {
    const before = hostile.requests.length;
    const client = new AsyncClient({ serverUrl: `${hostile.url}/ftp/`, retry: 5 });
    const error = await failure(client.getCapabilities());
    expect(error.message).toContain('unsupported protocol ftp:');
    expect(hostile.requests.length - before).toBe(1);
  });

  it.each([
    ['a BigInt', { inputs: { n: 1n } }, 'BigInt'],
    [
      'a cycle',
      (() => {
        const inputs: Record<string, unknown> = {};
        inputs.self = inputs;
        return { inputs };
      })(),
      'circular',
    ],
    ['nesting deeper than the stack', { inputs: deep(200_000) }, "can't be sent as JSON"],
  ])('a request body with %s is an invalid argument, nothing is sent', async (_, request, text) => {
    const before = hostile.requests.length;
    const client = new AsyncClient({ serverUrl: hostile.url, retry: 5 });
    const error = await failure(client.executeProcess('echo', request as never, { retry: 3 }));
    expect(error).not.toBeInstanceOf(TransportError);
    expect(error.apiError.type).toBe(ErrorType.invalidArgument);
    expect(error.message).toContain(text);
    expect(hostile.requests.length).toBe(before);
  });
});

describe('unknown request members (ProcessRequestInput)', () => {
  it('are refused before anything is sent, with the nearest known member', async () => {
    const before = hostile.requests.length;
    const client = new AsyncClient({ serverUrl: hostile.url });
    const request = { input: { min_val: 1 } } as never;
    const error = await failure(client.executeProcess('primes_between', request));
    expect(error.apiError.type).toBe(ErrorType.invalidArgument);
    expect(error.message).toContain('unknown member `input`; did you mean `inputs`?');
    const forgotten = { min_val: 90, max_val: 100 } as never;
    const wrapper = await failure(client.executeAndWait('primes_between', forgotten));
    expect(wrapper.message).toContain('unknown member `min_val`');
    expect(hostile.requests.length).toBe(before);
  });
});

describe('no credential or user-set header crosses an origin', () => {
  it('a Location on another origin is refused, and nothing is sent there', async () => {
    const before = other.requests.length;
    const client = new AsyncClient({
      config: { serverUrl: `${hostile.url}/elsewhere/`, accessToken: TOKEN },
      headers: { cookie: 'session=secret', 'x-api-key': 'secret' },
    });
    const error = await failure(client.executeProcess('echo', { inputs: {} }));
    expect(error.apiError.type).toBe(ErrorType.invalidResponse);
    expect(error.message).toContain(`another origin (${other.url})`);
    expect(other.requests.length).toBe(before);
  });

  it('a redirect to another origin carries neither credentials nor user-set headers', async () => {
    const before = other.requests.length;
    const client = new AsyncClient({
      config: { serverUrl: `${hostile.url}/redirect-out/`, accessToken: TOKEN },
      headers: { cookie: 'session=secret', 'x-api-key': 'secret' },
    });
    await client.getJob('j1', { headers: { 'x-call': 'secret' } });
    const reached = other.requests.slice(before);
    expect(reached).toHaveLength(1);
    const headers = reached[0]?.headers ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers['x-call']).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain('secret');
  });
});

describe('messages quote URLs in bounded excerpts', () => {
  it('a 100 kB id does not put the whole URL into the message', async () => {
    const server = await startTestServer((_, response) => {
      response.writeHead(404).end();
    });
    try {
      const id = 'x'.repeat(100_000);
      const error = await failure(new AsyncClient({ serverUrl: server.url }).getJob(id));
      // node:http answers 431 to a request line this long: the message still quotes the URL.
      expect(error.status).toBe(431);
      expect(error.message.length).toBeLessThan(500);
      expect(error.message).toContain('characters)');
      expect(error.url).toContain(id);
    } finally {
      await server.close();
    }
  });
});

function deep(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
