import { ProcessDescriptionSchema, type ProcessList, ProcessListSchema } from '@s2gos/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProcesses } from '../dist/index.js';
import { expectProblem, ogcException, TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ processes: demoProcesses });
});
afterAll(() => server.close());

const demoIds = ['sleep_a_while', 'primes_between', 'echo', 'scene_link', 'map_image'];

describe('GET /processes', () => {
  it('lists the demo processes with links to their descriptions', async () => {
    const list = await server.get('/processes', ProcessListSchema);
    expect(list.processes.map((p) => p.id)).toEqual(demoIds);
    for (const summary of list.processes) {
      expect(summary.version).toBe('1.0.0');
      expect(summary.title).toBeTruthy();
      expect(summary.description).toBeTruthy();
      expect(summary).not.toHaveProperty('inputs');
      expect(summary.links).toContainEqual(
        expect.objectContaining({ rel: 'self', href: `${server.url}/processes/${summary.id}` }),
      );
    }
    expect(list.links).toEqual([
      expect.objectContaining({ rel: 'self', href: `${server.url}/processes?limit=10&offset=0` }),
    ]);
  });

  it('pages with limit and next/prev links, following next to the end', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/processes?limit=3';
    for (let page = 0; path !== undefined && page < 10; page++) {
      const list: ProcessList = await server.get(path, ProcessListSchema);
      expect(list.processes.length).toBeLessThanOrEqual(3);
      seen.push(...list.processes.map((p) => p.id));
      const next = (list.links ?? []).find((link) => link.rel === 'next');
      if (page > 0) expect((list.links ?? []).some((link) => link.rel === 'prev')).toBe(true);
      path = next?.href.slice(server.url.length);
    }
    expect(seen).toEqual(demoIds);
  });

  it('answers an offset past the end with an empty page', async () => {
    const list = await server.get('/processes?offset=100', ProcessListSchema);
    expect(list.processes).toEqual([]);
  });

  it.each(['5000', '99999999999999999999'])('caps limit=%s at 1000', async (limit) => {
    const list = await server.get(`/processes?limit=${limit}`, ProcessListSchema);
    expect(list.links?.[0]?.href).toContain('limit=1000');
  });

  it('answers an offset beyond any number with an empty page', async () => {
    const list = await server.get('/processes?offset=99999999999999999999', ProcessListSchema);
    expect(list.processes).toEqual([]);
  });

  it.each(['0', '-1', 'abc', '1.5', ''])(
    'rejects limit=%s with 400 invalid-parameter-value',
    async (limit) => {
      const body = expectProblem(
        await server.fetch(`/processes?limit=${limit}`),
        400,
        ogcException('invalid-parameter-value'),
      );
      expect(body.issues).toEqual([{ path: 'limit', message: expect.stringContaining('integer') }]);
    },
  );

  it('rejects a negative offset and a repeated limit', async () => {
    const body = expectProblem(
      await server.fetch('/processes?offset=-3&limit=1&limit=2'),
      400,
      ogcException('invalid-parameter-value'),
    );
    expect((body.issues as { path: string }[]).map((issue) => issue.path)).toEqual([
      'limit',
      'offset',
    ]);
  });
});

describe('GET /processes/{processID}', () => {
  it.each(demoIds)('describes %s fully, with input and output schemas', async (id) => {
    const description = await server.get(`/processes/${id}`, ProcessDescriptionSchema);
    expect(description.id).toBe(id);
    expect(description.title).toBeTruthy();
    expect(description.description).toBeTruthy();
    expect(Object.keys(description.inputs ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(description.outputs ?? {}).length).toBeGreaterThan(0);
    for (const input of Object.values(description.inputs ?? {})) {
      expect(input.title).toBeTruthy();
      expect(input.schema).toBeTypeOf('object');
    }
    expect(description.jobControlOptions).toContain('async-execute');
    expect(description.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rel: 'self', href: `${server.url}/processes/${id}` }),
        expect.objectContaining({
          rel: 'http://www.opengis.net/def/rel/ogc/1.0/execute',
          href: `${server.url}/processes/${id}/execution`,
        }),
      ]),
    );
  });

  it('offers sync-execute for echo and map_image only', async () => {
    const options = await Promise.all(
      demoIds.map(
        async (id) =>
          (await server.get(`/processes/${id}`, ProcessDescriptionSchema)).jobControlOptions,
      ),
    );
    expect(options.map((o) => o?.includes('sync-execute'))).toEqual([
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('serves the descriptions the definitions hold', async () => {
    for (const definition of demoProcesses) {
      const served = await server.get(
        `/processes/${definition.description.id}`,
        ProcessDescriptionSchema,
      );
      expect(served.inputs).toEqual(definition.description.inputs);
      expect(served.outputs).toEqual(definition.description.outputs);
    }
  });

  it('answers 404 no-such-process for an unknown process', async () => {
    const body = expectProblem(
      await server.fetch('/processes/nope'),
      404,
      ogcException('no-such-process'),
    );
    expect(body.detail).toContain("'nope'");
    expect(body.instance).toBe('/processes/nope');
  });

  it('encodes process IDs in links', async () => {
    const odd = await TestServer.start();
    try {
      const description = await odd.get('/processes/a%20b%2Fc', ProcessDescriptionSchema);
      expect(description.links?.[0]?.href).toBe(`${odd.url}/processes/a%20b%2Fc`);
    } finally {
      await odd.close();
    }
  });
});
