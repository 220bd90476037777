import { CapabilitiesSchema, JobInfoSchema, parseModel } from '@s2gos/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, TestServer } from './helpers.js';

const token = 'secret-token-1234';

describe('with a token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ token });
  });
  afterAll(() => server.close());

  const paths: [string, RequestInit][] = [
    ['/', {}],
    ['/conformance', {}],
    ['/openapi.json', {}],
    ['/processes', {}],
    ['/processes/echo', {}],
    ['/processes/echo/execution', { method: 'POST', body: '{"inputs":{"value":1}}' }],
    ['/jobs', {}],
    ['/jobs/x', {}],
    ['/jobs/x', { method: 'DELETE' }],
    ['/jobs/x/results', {}],
    ['/nowhere', {}],
  ];

  it.each(paths)(
    'answers %s without a token with 401 and a Bearer challenge',
    async (path, init) => {
      const answer = await server.fetch(path, { ...init, headers: { Authorization: '' } });
      const body = expectProblem(answer, 401, 'about:blank');
      expect(answer.headers.get('WWW-Authenticate')).toBe('Bearer realm="s2gos"');
      expect(body.detail).toContain('Authorization: Bearer');
    },
  );

  it.each([
    ['a wrong token', 'Bearer wrong'],
    ['a longer token', `Bearer ${token}x`],
    ['a prefix of the token', `Bearer ${token.slice(0, -1)}`],
    ['another scheme', `Basic ${token}`],
    ['no scheme', token],
  ])('answers %s with 401 invalid_token, never echoing the token', async (_, authorization) => {
    const answer = await server.fetch('/processes', { headers: { Authorization: authorization } });
    expectProblem(answer, 401, 'about:blank');
    expect(answer.headers.get('WWW-Authenticate')).toBe(
      'Bearer realm="s2gos", error="invalid_token"',
    );
    expect(JSON.stringify(answer.body)).not.toContain(token.slice(0, 6));
  });

  it('serves requests with the token, any case of the scheme', async () => {
    parseModel(CapabilitiesSchema, (await server.fetch('/')).body);
    const answer = await server.fetch('/processes', {
      headers: { Authorization: `bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    const created = await server.execute('echo', { inputs: { value: 1 } });
    expect(created.status).toBe(201);
    parseModel(JobInfoSchema, created.body);
  });

  it('lets CORS preflight requests through without a token', async () => {
    const answer = await server.fetch('/processes', {
      method: 'OPTIONS',
      headers: {
        Authorization: '',
        Origin: 'http://example.com',
        'Access-Control-Request-Method': 'GET',
      },
    });
    expect(answer.status).toBe(204);
  });

  it('sends CORS headers on 401 so a browser page can read the problem', async () => {
    const answer = await server.fetch('/jobs', {
      headers: { Authorization: '', Origin: 'http://example.com' },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(answer.headers.get('Access-Control-Expose-Headers')).toContain('WWW-Authenticate');
  });

  it('never logs the token', async () => {
    const lines: string[] = [];
    const logged = await TestServer.start({ token, log: (line) => lines.push(line) });
    try {
      await logged.fetch('/jobs');
      await logged.fetch('/jobs', { headers: { Authorization: 'Bearer wrong' } });
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z GET \/jobs 200 \d+\.\dms$/);
      expect(lines[1]).toMatch(/ GET \/jobs 401 /);
      expect(lines.join('\n')).not.toContain(token);
    } finally {
      await logged.close();
    }
  });
});

describe('without a token', () => {
  it('serves requests without Authorization, and ignores one', async () => {
    for (const options of [{}, { token: '' }]) {
      const server = await TestServer.start(options);
      try {
        expect((await server.fetch('/jobs')).status).toBe(200);
        expect(
          (await server.fetch('/jobs', { headers: { Authorization: 'Bearer anything' } })).status,
        ).toBe(200);
      } finally {
        await server.close();
      }
    }
  });
});
