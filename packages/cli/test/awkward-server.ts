/**
 * A purpose-built OGC API - Processes server whose process descriptions use every awkward form a
 * real server sends (`examples: null`, `nullable`, boolean exclusive bounds, `$ref`s, `oneOf`/
 * `anyOf`/`allOf`, `x-` keywords, ids that clash as method names, text that would end a comment)
 * and whose results carry outputs as bare values, qualified values and links. Every job succeeds
 * at once.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running awkward server. */
export interface AwkwardServer {
  url: string;
  /** The execute requests received, by process id, last one last. */
  requests: { processId: string; body: unknown }[];
  close(): Promise<void>;
}

const FORMS = {
  id: 'forms',
  version: '1.0.0',
  title: 'Awkward */ forms',
  description: 'Every schema form; this text tries to end a comment: */ and carries `backticks`.',
  inputs: {
    count: {
      title: null,
      description: 'An integer with examples: null, exclusive bounds and an x- keyword.',
      schema: {
        type: 'integer',
        minimum: 0,
        exclusiveMinimum: true,
        maximum: 10,
        exclusiveMaximum: false,
        examples: null,
        'x-ogc-unit': 'none',
        tsType: 'any',
      },
    },
    maybe: {
      minOccurs: 0,
      schema: { type: 'string', nullable: true, enum: ['on', 'off'] },
    },
    same_as_count: { minOccurs: 0, schema: { $ref: '#/inputs/count/schema' } },
    point: {
      minOccurs: 0,
      schema: {
        definitions: { coordinate: { type: 'number', format: 'double' } },
        type: 'object',
        required: ['x', 'y'],
        properties: {
          x: { $ref: '#/definitions/coordinate' },
          y: { $ref: '#/definitions/coordinate' },
        },
        additionalProperties: false,
      },
    },
    remote: {
      minOccurs: 0,
      schema: { $ref: 'https://schemas.example.com/ogcapi/bbox.yaml' },
    },
    choice: {
      minOccurs: 0,
      schema: { oneOf: [{ type: 'string', format: 'date' }, { type: 'integer' }] },
    },
    either: {
      minOccurs: 0,
      schema: { anyOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'string' } }] },
    },
    both: {
      minOccurs: 0,
      schema: {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { type: 'object', properties: { b: { type: 'number' } } },
        ],
      },
    },
    tags: {
      minOccurs: 0,
      maxOccurs: 'unbounded',
      schema: { type: 'string', 'x-ui': { widget: 'tags' } },
    },
    'odd name.with-dots': { minOccurs: 0, schema: { type: 'boolean', default: true } },
    bbox: {
      minOccurs: 0,
      schema: { type: 'object', format: 'ogc-bbox', properties: { bbox: { type: 'array' } } },
    },
    anything: { minOccurs: 0, schema: {} },
  },
  outputs: {
    bare: { schema: { type: 'number' } },
    qualified: { schema: { type: 'integer', nullable: true } },
    linked: { schema: { type: 'string', format: 'uri', examples: null } },
    object: { schema: { type: 'object', properties: { href: { type: 'string' } } } },
  },
};

/** Results of `forms`: a bare value, a qualified value, and (with `link: true`) a link. */
function formsResults(link: boolean): Record<string, unknown> {
  return {
    bare: 1.5,
    qualified: { value: 7, mediaType: 'application/json' },
    linked: link ? { href: 'https://data.example.com/out.txt', type: 'text/plain' } : 'inline',
    object: { href: 'kept as it is' },
  };
}

// Ids that clash: with client members, with each other once camelCased, with a start method,
// with keywords, and one that starts with a digit. None has inputs or outputs.
const CLASHING_IDS = ['get_job', 'a-b', 'a_b', 'x', 'start_x', 'class', '3d-model', 'delete'];

const DESCRIPTIONS = [
  FORMS,
  ...CLASHING_IDS.map((id) => ({ id, version: '1.0.0', inputs: {}, outputs: {} })),
];

/** Starts the server on 127.0.0.1 and a free port. */
export async function startAwkwardServer(): Promise<AwkwardServer> {
  const requests: AwkwardServer['requests'] = [];
  let jobs = 0;
  const jobProcess = new Map<string, { processId: string; link: boolean }>();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (request.method === 'GET' && url.pathname === '/processes') {
      return send(200, {
        processes: DESCRIPTIONS.map(({ id, version }) => ({ id, version })),
        links: [],
      });
    }
    if (parts[0] === 'processes' && parts.length === 2 && request.method === 'GET') {
      const description = DESCRIPTIONS.find((d) => d.id === parts[1]);
      return description ? send(200, description) : send(404, { title: 'no such process' });
    }
    if (parts[0] === 'processes' && parts[2] === 'execution' && request.method === 'POST') {
      const processId = parts[1] ?? '';
      const body = JSON.parse(await readBody(request));
      requests.push({ processId, body });
      const jobID = `job-${++jobs}`;
      jobProcess.set(jobID, { processId, link: body?.inputs?.anything === 'link' });
      return send(201, { jobID, processID: processId, type: 'process', status: 'accepted' });
    }
    const job = parts[0] === 'jobs' ? jobProcess.get(parts[1] ?? '') : undefined;
    if (job && parts.length === 2) {
      const jobID = parts[1];
      return send(200, { jobID, processID: job.processId, type: 'process', status: 'successful' });
    }
    if (job && parts[2] === 'results') {
      return send(200, job.processId === 'forms' ? formsResults(job.link) : {});
    }
    send(404, { title: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}
