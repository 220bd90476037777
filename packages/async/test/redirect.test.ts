/** The access token goes to the configured origin only, also across redirects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncClient, TransportError } from '../src/index.js';
import { TOKEN } from './helpers/demo-server.js';
import { jobInfo, sendJson, startTestServer, type TestServer } from './helpers/http-server.js';

let configured: TestServer;
let otherPort: TestServer;
let otherHost: TestServer;

beforeAll(async () => {
  const answer: Parameters<typeof startTestServer>[0] = (request, response) => {
    if (request.url.startsWith('/back')) {
      response.writeHead(302, { location: `${configured.url}/jobs/j1` }).end();
    } else {
      sendJson(response, 200, jobInfo('j1'));
    }
  };
  // 127.0.0.1 and localhost are different origins, and so are two ports.
  otherPort = await startTestServer(answer);
  otherHost = await startTestServer(answer, 'localhost');
  configured = await startTestServer((request, response) => {
    const [, target, status = '302'] = request.url.match(/^\/redirect\/(\w+)\/?(\d+)?/) ?? [];
    if (target === 'same') {
      response.writeHead(Number(status), { location: '/jobs/j1' }).end();
    } else if (target === 'port' || target === 'host') {
      const other = target === 'port' ? otherPort : otherHost;
      response.writeHead(Number(status), { location: `${other.url}/jobs/j1` }).end();
    } else if (target === 'bounce') {
      response.writeHead(302, { location: `${otherPort.url}/back` }).end();
    } else if (target === 'loop') {
      response.writeHead(302, { location: '/redirect/loop' }).end();
    } else {
      sendJson(response, 200, jobInfo('j1'));
    }
  });
});

afterAll(() => Promise.all([configured.close(), otherPort.close(), otherHost.close()]));

describe('redirects', () => {
  it('keeps the token on a same-origin redirect', async () => {
    const c = new AsyncClient({
      config: { serverUrl: `${configured.url}/redirect/same/`, accessToken: TOKEN },
    });
    await expect(c.getJob('x')).resolves.toMatchObject({ jobID: 'j1' });
    const last = configured.requests.at(-1);
    expect(last?.url).toBe('/jobs/j1');
    expect(last?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it.each([
    ['port', 302],
    ['port', 307],
    ['port', 308],
    ['host', 301],
    ['host', 303],
  ] as const)('drops the token on a redirect to another %s (%i)', async (target, status) => {
    const other = target === 'port' ? otherPort : otherHost;
    const before = other.requests.length;
    const c = new AsyncClient({
      config: { serverUrl: `${configured.url}/redirect/${target}/${status}/`, accessToken: TOKEN },
    });
    await expect(c.getJob('x')).resolves.toMatchObject({ jobID: 'j1' });
    const reached = other.requests.slice(before);
    expect(reached).toHaveLength(1);
    expect(reached[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(reached[0]?.headers)).not.toContain(TOKEN);
    expect(configured.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('does not send the token again after bouncing back from another origin', async () => {
    const c = new AsyncClient({
      config: { serverUrl: `${configured.url}/redirect/bounce/`, accessToken: TOKEN },
    });
    const job = await c.getJob('x');
    expect(job.jobID).toBe('j1');
    const last = configured.requests.at(-1);
    expect(last?.url).toBe('/jobs/j1');
    expect(last?.headers.authorization).toBeUndefined();
  });

  it('turns a 303 after POST into a GET without body', async () => {
    const c = new AsyncClient({
      config: { serverUrl: `${configured.url}/redirect/same/303/`, accessToken: TOKEN },
    });
    await c.executeProcess('echo', { inputs: {} });
    const last = configured.requests.at(-1);
    expect(last?.method).toBe('GET');
    expect(last?.body).toBe('');
  });

  it('re-sends the body on a 307', async () => {
    const c = new AsyncClient({
      config: { serverUrl: `${configured.url}/redirect/same/307/`, accessToken: TOKEN },
    });
    await c.executeProcess('echo', { inputs: { value: 1 } });
    const last = configured.requests.at(-1);
    expect(last?.method).toBe('POST');
    expect(JSON.parse(last?.body ?? '')).toEqual({ inputs: { value: 1 } });
  });

  it('stops a redirect loop with a TransportError', async () => {
    const c = new AsyncClient({
      config: { serverUrl: `${configured.url}/redirect/loop/` },
      retry: 0,
    });
    const error = await c.getCapabilities().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toContain('redirects');
  });

  it('drops the token even with a fetch that keeps headers across origins', async () => {
    // Some runtimes' fetch follows redirects keeping every header. This one does so for real
    // (each hop is a real request) unless asked for `redirect: 'manual'`.
    const leakyFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (init?.redirect === 'manual') return fetch(request, { redirect: 'manual' });
      let url = request.url;
      for (let hop = 0; hop < 5; hop++) {
        const response = await fetch(url, { headers: request.headers, redirect: 'manual' });
        const location = response.headers.get('location');
        if (location === null) return response;
        url = new URL(location, url).href;
      }
      throw new TypeError('too many redirects');
    };
    const before = otherPort.requests.length;
    const c = new AsyncClient({
      config: { serverUrl: `${configured.url}/redirect/port/`, accessToken: TOKEN },
      fetch: leakyFetch,
    });
    await expect(c.getJob('x')).resolves.toMatchObject({ jobID: 'j1' });
    const reached = otherPort.requests.slice(before);
    expect(reached).toHaveLength(1);
    expect(reached[0]?.headers.authorization).toBeUndefined();
  });
});
