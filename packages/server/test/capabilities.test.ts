import { CapabilitiesSchema, ConformanceDeclarationSchema } from '@s2gos/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformsTo } from '../src/index.js';
import { expectProblem, TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());

describe('GET /', () => {
  it('links to itself, the API definition, conformance, processes and jobs with OGC rels', async () => {
    const page = await server.get('/', CapabilitiesSchema);
    const rels = Object.fromEntries(page.links.map((link) => [link.rel, link.href]));
    expect(rels).toEqual({
      self: `${server.url}/`,
      'service-desc': `${server.url}/openapi.json`,
      'http://www.opengis.net/def/rel/ogc/1.0/conformance': `${server.url}/conformance`,
      'http://www.opengis.net/def/rel/ogc/1.0/processes': `${server.url}/processes`,
      'http://www.opengis.net/def/rel/ogc/1.0/job-list': `${server.url}/jobs`,
    });
    expect(page.title).toBeTruthy();
  });

  it('answers a trailing slash like the path without it', async () => {
    expect((await server.fetch('/processes/')).status).toBe(200);
  });
});

describe('GET /conformance', () => {
  it('declares exactly the implemented classes', async () => {
    const declaration = await server.get('/conformance', ConformanceDeclarationSchema);
    const base = 'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf';
    expect(declaration.conformsTo).toEqual(
      ['core', 'ogc-process-description', 'json', 'oas30', 'job-list', 'dismiss'].map(
        (name) => `${base}/${name}`,
      ),
    );
    expect(declaration.conformsTo).toEqual(conformsTo);
  });
});

describe('GET /openapi.json', () => {
  it('serves an OpenAPI 3.0 document describing every endpoint', async () => {
    const answer = await server.fetch('/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    const doc = answer.body as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, unknown>; parameters: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.servers).toEqual([{ url: server.url }]);
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`,
      ),
    );
    expect(operations.sort()).toEqual(
      [
        'GET / getCapabilities',
        'GET /conformance getConformance',
        'GET /openapi.json getOpenApi',
        'GET /processes getProcesses',
        'GET /processes/{processID} getProcess',
        'POST /processes/{processID}/execution executeProcess',
        'GET /jobs getJobs',
        'GET /jobs/{jobID} getJob',
        'DELETE /jobs/{jobID} dismissJob',
        'GET /jobs/{jobID}/results getJobResults',
      ].sort(),
    );
    // Every $ref resolves inside the document.
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const [, kind, name] = /#\/components\/(\w+)\/(\w+)/.exec(ref) ?? [];
      expect(doc.components[kind as 'schemas'], ref).toHaveProperty(name as string);
    }
  });
});

describe('unknown resources', () => {
  it('answers 404 problem details for an unknown path', async () => {
    const body = expectProblem(await server.fetch('/nowhere'), 404, 'about:blank');
    expect(body.instance).toBe('/nowhere');
  });

  it('answers 404 problem details for a method a path does not have', async () => {
    expectProblem(await server.fetch('/processes', { method: 'PUT' }), 404, 'about:blank');
  });
});

describe('CORS', () => {
  it('answers a preflight request', async () => {
    const answer = await server.fetch('/processes/echo/execution', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, authorization, prefer',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(answer.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(answer.headers.get('Access-Control-Allow-Headers')).toContain('authorization');
  });

  it('exposes Location to browser pages', async () => {
    const answer = await server.execute(
      'echo',
      { inputs: { value: 1 } },
      { Origin: 'http://example.com' },
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(answer.headers.get('Access-Control-Expose-Headers')).toContain('Location');
  });
});
