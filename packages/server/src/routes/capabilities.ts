import type { Capabilities, ConformanceDeclaration } from '@s2gos/models';
import type { Hono } from 'hono';
import { link, MediaType, Rel, Urls } from '../links.js';
import { openapiDocument } from '../openapi.js';

const CONFORMANCE = 'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf';

/** The conformance classes this server implements, and only those. */
export const conformsTo: readonly string[] = [
  'core',
  'ogc-process-description',
  'json',
  'oas30',
  'job-list',
  'dismiss',
].map((name) => `${CONFORMANCE}/${name}`);

/** `GET /` (landing page), `GET /conformance` and `GET /openapi.json`. */
export function capabilitiesRoutes(app: Hono): void {
  app.get('/', (c) => {
    const urls = new Urls(c.req.url);
    const body: Capabilities = {
      title: 'S2GOS local server',
      description:
        'A local OGC API - Processes server with demo processes, for quick starts and tests.',
      links: [
        link(urls.landingPage(), Rel.self, 'This document'),
        link(urls.openapi(), Rel.serviceDesc, 'The API definition', MediaType.openapi),
        link(urls.conformance(), Rel.conformance, 'Conformance declaration'),
        link(urls.processes(), Rel.processes, 'Processes'),
        link(urls.jobs(), Rel.jobList, 'Jobs'),
      ],
    };
    return c.json(body);
  });

  app.get('/conformance', (c) => {
    const body: ConformanceDeclaration = { conformsTo: [...conformsTo] };
    return c.json(body);
  });

  app.get('/openapi.json', (c) => {
    const urls = new Urls(c.req.url);
    return c.body(JSON.stringify(openapiDocument(urls.origin)), 200, {
      'Content-Type': MediaType.openapi,
    });
  });
}
