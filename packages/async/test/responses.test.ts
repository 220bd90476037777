/** Purpose-built servers that misbehave: every bad answer ends in a typed, clear error. */
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncClient, ClientError, ErrorType, TransportError } from '../src/index.js';
import { TOKEN } from './helpers/demo-server.js';
import {
  type Handler,
  jobInfo,
  sendJson,
  startTestServer,
  type TestServer,
} from './helpers/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

function clientFor(
  server: TestServer,
  options: Partial<ConstructorParameters<typeof AsyncClient>[0]> = {},
) {
  // Fast backoff: the tests assert on what is retried, not on how long it waits.
  return new AsyncClient({
    config: { serverUrl: server.url, accessToken: TOKEN },
    retry: { delay: () => 10 },
    ...options,
  });
}

/** Timers keeping the process alive. */
// Node 24's fetch may end a timer of its own during a call: none left behind means no more than before.
function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

/** Resolves once the server has answered a request and the client had time to read it. */
async function waitUntilAnswered(server: TestServer): Promise<void> {
  while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
}

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  const clientError = error as ClientError;
  // Nothing a user can see or log carries the token.
  expect(clientError.message).not.toContain(TOKEN);
  expect(JSON.stringify(clientError)).not.toContain(TOKEN);
  return clientError;
}

describe('error bodies become a normalised apiError', () => {
  it('HTML 502 from a proxy: status, title and a tag-free excerpt', async () => {
    const server = await serve((_, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(
        `<!DOCTYPE html><html><head><style>body{color:red}</style><title>502</title></head><body><h1>Bad Gateway</h1><p>The upstream&nbsp;server is unreachable.</p>${'<p>padding</p>'.repeat(100)}</body></html>`,
      );
    });
    const error = await failure(clientFor(server, { retry: 0 }).getJob('j1'));
    expect(error).not.toBeInstanceOf(TransportError);
    expect(error.status).toBe(502);
    expect(error.apiError).toMatchObject({
      type: ErrorType.http,
      status: 502,
      title: 'Bad Gateway',
    });
    expect(error.apiError.detail).toMatch(/^502 Bad Gateway The upstream server is unreachable\./);
    expect(error.apiError.detail).not.toMatch(/[<>]|color:red/);
    expect(error.apiError.detail?.length).toBeLessThanOrEqual(200);
    expect(error.message).toContain('getJob');
    expect(error.message).toContain(`${server.url}/jobs/j1`);
  });

  it('plain text', async () => {
    const server = await serve((_, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('  database\n is down  ');
    });
    const error = await failure(clientFor(server).getJob('j1'));
    expect(error.apiError).toEqual({
      type: ErrorType.http,
      title: 'Internal Server Error',
      status: 500,
      detail: 'database is down',
    });
  });

  it('empty body', async () => {
    const server = await serve((_, response) => {
      response.writeHead(403).end();
    });
    const error = await failure(clientFor(server).getProcesses());
    expect(error.apiError).toEqual({ type: ErrorType.http, title: 'Forbidden', status: 403 });
  });

  it('{code, description}', async () => {
    const server = await serve((_, response) =>
      sendJson(response, 404, { code: 'NoSuchJob', description: 'job j1 does not exist' }),
    );
    const error = await failure(clientFor(server).getJob('j1'));
    expect(error.apiError).toMatchObject({
      type: ErrorType.http,
      status: 404,
      detail: 'job j1 does not exist',
      code: 'NoSuchJob',
    });
  });

  it('{detail: [...]} (FastAPI validation errors)', async () => {
    const server = await serve((_, response) =>
      sendJson(response, 422, {
        detail: [
          { loc: ['body', 'inputs', 'x'], msg: 'field required', type: 'missing' },
          { loc: ['query', 'limit'], msg: 'not an integer', type: 'int' },
        ],
      }),
    );
    const error = await failure(clientFor(server).executeProcess('p', { inputs: {} }));
    expect(error.apiError).toMatchObject({
      type: ErrorType.http,
      status: 422,
      detail: 'body.inputs.x: field required; query.limit: not an integer',
    });
  });

  it('problem details are kept as they are, traceback included', async () => {
    const server = await serve((_, response) =>
      sendJson(response, 500, {
        type: 'https://example.org/errors/boom',
        title: 'Boom',
        status: 500,
        detail: 'it exploded',
        instance: '/jobs/j1',
        'x-traceback': 'line 1\nline 2',
      }),
    );
    const error = await failure(clientFor(server).getJob('j1'));
    expect(error.apiError).toMatchObject({
      type: 'https://example.org/errors/boom',
      title: 'Boom',
      status: 500,
      detail: 'it exploded',
      instance: '/jobs/j1',
    });
    expect(error.apiError.traceback?.join('\n')).toContain('line 2');
  });

  it('a server echoing the token back never gets it into the error', async () => {
    const server = await serve((request, response) =>
      sendJson(response, 400, {
        type: 'bad',
        title: 'Bad',
        detail: `you sent ${request.headers.authorization}`,
      }),
    );
    const error = await failure(clientFor(server).getJob('j1'));
    expect(error.apiError.detail).toContain('Bearer ****');
  });
});

describe('2xx answers that are not the expected document', () => {
  it('garbage JSON', async () => {
    const server = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"jobID": "j1", status');
    });
    const error = await failure(clientFor(server).getJob('j1'));
    expect(error.apiError.type).toBe(ErrorType.invalidResponse);
    expect(error.message).toMatch(
      /getJob: invalid response from GET .*\/jobs\/j1 \(200\): the body is not JSON/,
    );
  });

  it('empty 200', async () => {
    const server = await serve((_, response) => {
      response.writeHead(200).end();
    });
    const error = await failure(clientFor(server).getProcesses());
    expect(error.apiError.type).toBe(ErrorType.invalidResponse);
    expect(error.message).toMatch(/getProcesses: .* the body is empty/);
  });

  it('wrong document: names the operation, the path and the first problems', async () => {
    const server = await serve((_, response) =>
      sendJson(response, 200, { jobs: [jobInfo('j1', 'succeeded')], links: 'none' }),
    );
    const error = await failure(clientFor(server).getJobs());
    expect(error.apiError.type).toBe(ErrorType.invalidResponse);
    expect(error.message).toContain('getJobs');
    expect(error.message).toContain(`${server.url}/jobs`);
    expect(error.message).toContain('not a valid JobList document');
    expect(error.message).toContain('jobs[0].status');
    expect(error.message).toContain('links');
  });

  it('an HTML page with status 200', async () => {
    const server = await serve((_, response) => {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html><body>Login</body></html>');
    });
    const error = await failure(clientFor(server).getConformance());
    expect(error.message).toMatch(/not JSON: Login/);
  });
});

describe('transport failures', () => {
  it('a slow answer past the timeout is a TransportError', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const error = await failure(clientFor(server, { timeout: 200 }).getJob('j1'));
    expect(error).toBeInstanceOf(TransportError);
    expect(error.apiError.type).toBe(ErrorType.timeout);
    expect(error.cause).toBeDefined();
    expect(server.requests).toHaveLength(1);
  });

  it('a per-call timeout overrides the client timeout', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const error = await failure(clientFor(server).getJob('j1', { timeout: 100 }));
    expect(error.apiError.type).toBe(ErrorType.timeout);
  });

  it('a body that stalls after the headers times out too', async () => {
    const server = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"jobID": ');
    });
    const error = await failure(clientFor(server, { timeout: 200 }).getJob('j1'));
    expect(error).toBeInstanceOf(TransportError);
    expect(error.apiError.type).toBe(ErrorType.timeout);
  });

  it('concurrent calls time out each at its own deadline; others are not disturbed', async () => {
    const server = await serve((request, response) => {
      if (request.url.endsWith('/fast')) sendJson(response, 200, jobInfo('fast'));
      // everything else never answers
    });
    const client = clientFor(server, { retry: 0 });
    const started = Date.now();
    const settled = await Promise.allSettled([
      client.getJob('slow1', { timeout: 600 }),
      client.getJob('slow2', { timeout: 150 }),
      client.getJob('fast', { timeout: 150 }),
      client.getJob('slow3', { timeout: 300 }),
    ]);
    const elapsed = Date.now() - started;
    const types = settled.map((result) =>
      result.status === 'rejected' ? (result.reason as ClientError).apiError.type : 'ok',
    );
    expect(types).toEqual([ErrorType.timeout, ErrorType.timeout, 'ok', ErrorType.timeout]);
    // The longest deadline ended the batch: no call was cut short by another's deadline.
    expect(elapsed).toBeGreaterThanOrEqual(600);
  });

  it('a finished call leaves no timer that keeps the process alive', async () => {
    const server = await serve((_, response) => sendJson(response, 200, jobInfo('j1')));
    const timers = activeTimers();
    await clientFor(server).getJob('j1');
    expect(activeTimers()).toBeLessThanOrEqual(timers);
  });

  it('connection reset: retried for GET, then a TransportError with the cause', async () => {
    const server = await serve((_, response) => {
      response.socket?.destroy();
    });
    const error = await failure(clientFor(server).getJob('j1'));
    expect(error).toBeInstanceOf(TransportError);
    expect(error.apiError.type).toBe(ErrorType.network);
    expect(error.cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(3);
  });

  it('connection reset once: the retry succeeds', async () => {
    const server = await serve((_request, response) => {
      if (server.requests.length === 1) response.socket?.destroy();
      else sendJson(response, 200, jobInfo('j1'));
    });
    await expect(clientFor(server).getJob('j1')).resolves.toMatchObject({ jobID: 'j1' });
    expect(server.requests).toHaveLength(2);
  });

  it('a refused connection is a TransportError', async () => {
    const server = await serve(() => undefined);
    const { url } = server;
    await server.close();
    servers.length = 0;
    const client = new AsyncClient({ config: { serverUrl: url }, retry: 0 });
    const error = await failure(client.getCapabilities());
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('an abort through the signal is a TransportError with the reason as cause', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const controller = new AbortController();
    const pending = clientFor(server).getJob('j1', { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const reason = new Error('user gave up');
    controller.abort(reason);
    const error = await failure(pending);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.apiError.type).toBe(ErrorType.aborted);
    expect(error.cause).toBe(reason);
  });

  it('an already aborted signal sends nothing', async () => {
    const server = await serve((_, response) => sendJson(response, 200, jobInfo('j1')));
    const error = await failure(clientFor(server).getJob('j1', { signal: AbortSignal.abort() }));
    expect(error.apiError.type).toBe(ErrorType.aborted);
    expect(server.requests).toHaveLength(0);
  });
});

describe('retries', () => {
  it('503 with Retry-After, then 200: waits as told and succeeds', async () => {
    const times: number[] = [];
    const server = await serve((_, response) => {
      times.push(Date.now());
      if (times.length === 1) {
        response.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' }).end('busy');
      } else {
        sendJson(response, 200, jobInfo('j1'));
      }
    });
    await expect(clientFor(server).getJob('j1')).resolves.toMatchObject({ jobID: 'j1' });
    expect(server.requests).toHaveLength(2);
    // Retry-After: 1 was honoured (the backoff alone would be 10 ms): a lower bound only.
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it.each([408, 429, 502, 504])('retries GET on %i', async (status) => {
    const server = await serve((_, response) => {
      if (server.requests.length < 3) response.writeHead(status).end();
      else sendJson(response, 200, { conformsTo: [] });
    });
    await expect(clientFor(server).getConformance()).resolves.toEqual({ conformsTo: [] });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 500 or a 404', async () => {
    const server = await serve((_, response) => {
      response.writeHead(server.requests.length === 1 ? 500 : 404).end();
    });
    await failure(clientFor(server).getJob('j1'));
    expect(server.requests).toHaveLength(1);
  });

  it('500 on POST: the job was posted exactly once', async () => {
    const server = await serve((_, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('crashed after creating it');
    });
    const error = await failure(
      clientFor(server, { retry: 5 }).executeProcess('echo', { inputs: {} }),
    );
    expect(error.status).toBe(500);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('503 and connection reset on POST are not retried either', async () => {
    const server = await serve((_, response) => {
      if (server.requests.length === 1) response.writeHead(503, { 'retry-after': '0' }).end();
      else response.socket?.destroy();
    });
    const client = clientFor(server);
    await failure(client.executeProcess('echo', { inputs: {} }));
    await failure(client.executeProcess('echo', { inputs: {} }));
    expect(server.requests).toHaveLength(2);
  });

  it('a POST is retried only when the call asks for it', async () => {
    const server = await serve((_, response) => {
      if (server.requests.length === 1) response.writeHead(503).end();
      else sendJson(response, 201, jobInfo('j1', 'accepted'));
    });
    const job = await clientFor(server).executeProcess('echo', { inputs: {} }, { retry: 1 });
    expect(job.jobID).toBe('j1');
    expect(server.requests).toHaveLength(2);
  });

  it('a Retry-After within the call deadline is waited for, then the call is retried', async () => {
    const server = await serve((_, response) => {
      if (server.requests.length === 1) response.writeHead(503, { 'retry-after': '1' }).end();
      else sendJson(response, 200, jobInfo('j1'));
    });
    const job = await clientFor(server, { timeout: 10_000 }).getJob('j1');
    expect(job.jobID).toBe('j1');
    expect(server.requests).toHaveLength(2);
  });

  it('a Retry-After longer than the time left ends the call at once with the server error', async () => {
    const server = await serve((_, response) => {
      response.writeHead(429, { 'retry-after': '999999' }).end();
    });
    const client = clientFor(server, { timeout: 2_000, retry: { maxRetryAfter: 10_000_000 } });
    const error = await failure(client.getJob('j1'));
    expect(error.status).toBe(429);
    expect(error.apiError.type).toBe(ErrorType.http);
    expect(error.retryAfter).toBe(999_999_000);
    expect(error.message).toContain('429 Too Many Requests');
    expect(error.message).toContain('Retry-After: 999999 s');
    expect(server.requests).toHaveLength(1);
  });

  it('close() during a wait between retries ends the call and leaves no timer behind', async () => {
    const server = await serve((_, response) => {
      response.writeHead(503, { 'retry-after': '20' }).end();
    });
    const client = clientFor(server);
    const timers = activeTimers();
    const pending = client.getJob('j1');
    await waitUntilAnswered(server);
    await client.close();
    const error = await failure(pending);
    expect(error.apiError.type).toBe(ErrorType.closed);
    expect(server.requests).toHaveLength(1);
    expect(activeTimers()).toBeLessThanOrEqual(timers);
  });

  it('an abort during a wait between retries ends the call with the reason as cause', async () => {
    const server = await serve((_, response) => {
      response.writeHead(429, { 'retry-after': '20' }).end();
    });
    const controller = new AbortController();
    const pending = clientFor(server).getJob('j1', { signal: controller.signal });
    await waitUntilAnswered(server);
    const reason = new Error('user gave up');
    controller.abort(reason);
    const error = await failure(pending);
    expect(error.apiError.type).toBe(ErrorType.aborted);
    expect(error.cause).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('maxRetryAfter bounds the wait a server asks for', async () => {
    const server = await serve((_, response) => {
      if (server.requests.length === 1) response.writeHead(503, { 'retry-after': '3600' }).end();
      else sendJson(response, 200, jobInfo('j1'));
    });
    const client = clientFor(server, { retry: { delay: () => 10, maxRetryAfter: 20 } });
    await expect(client.getJob('j1')).resolves.toMatchObject({ jobID: 'j1' });
    expect(server.requests).toHaveLength(2);
  });

  it('retry: 0 on the client turns retries off', async () => {
    const server = await serve((_, response) => {
      response.writeHead(503).end();
    });
    await failure(clientFor(server, { retry: 0 }).getJob('j1'));
    expect(server.requests).toHaveLength(1);
  });
});

describe('execute', () => {
  it('sends JSON with Prefer: respond-async and Accept: application/json', async () => {
    const server = await serve((_, response) =>
      sendJson(response, 201, jobInfo('j1', 'accepted'), { location: '/jobs/j1' }),
    );
    await clientFor(server, { headers: { 'X-Client': 'test' } }).executeProcess(
      'echo',
      { inputs: { value: [1, 2] } },
      { headers: { 'X-Call': 'yes' } },
    );
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/processes/echo/execution');
    expect(request?.headers).toMatchObject({
      prefer: 'respond-async',
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN}`,
      'x-client': 'test',
      'x-call': 'yes',
    });
    expect(JSON.parse(request?.body ?? '')).toEqual({ inputs: { value: [1, 2] } });
  });

  it.each([201, 202])('follows Location when a %i has no body', async (status) => {
    const server = await serve((request, response) => {
      if (request.method === 'POST') response.writeHead(status, { location: '/jobs/j7' }).end();
      else sendJson(response, 200, jobInfo('j7', 'accepted'));
    });
    const job = await clientFor(server).executeProcess('echo', { inputs: {} });
    expect(job.jobID).toBe('j7');
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /processes/echo/execution',
      'GET /jobs/j7',
    ]);
  });

  it('an empty 201 without Location is an invalid response', async () => {
    const server = await serve((_, response) => {
      response.writeHead(201).end();
    });
    const error = await failure(clientFor(server).executeProcess('echo', { inputs: {} }));
    expect(error.apiError.type).toBe(ErrorType.invalidResponse);
  });

  it('a 2xx status the operation does not expect is an invalid response', async () => {
    const server = await serve((_, response) => {
      response.writeHead(204).end();
    });
    const error = await failure(clientFor(server).getJob('j1'));
    expect(error.message).toContain('unexpected status 204');
  });
});

describe('headers', () => {
  it('call headers override client headers by name, any case; undefined removes one', async () => {
    const server = await serve((_, response) => sendJson(response, 200, jobInfo('j1')));
    const client = clientFor(server, {
      headers: new Headers({ 'X-Client': 'client', 'X-Gone': 'client', 'X-Kept': 'client' }),
    });
    await client.getJob('j1', { headers: { 'x-client': 'call', 'X-GONE': undefined } });
    const [request] = server.requests;
    expect(request?.headers).toMatchObject({
      accept: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      'x-client': 'call',
      'x-kept': 'client',
    });
    expect(request?.headers).not.toHaveProperty('x-gone');
    expect(request?.headers).not.toHaveProperty('content-type');
  });
});
