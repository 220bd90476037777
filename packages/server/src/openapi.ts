/**
 * The OpenAPI 3.0 document of this server, served at `/openapi.json` (`service-desc`).
 *
 * The schemas follow `s2gos-openapi.yaml` (the S2GOS service contract), with the fixes the
 * models package applies (`type: object` where the OGC 1.0 schemas lack it); the paths are the
 * endpoints this server really has, with its query parameters and error responses.
 */
export function openapiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'S2GOS local server',
      version: '1.0.0',
      description:
        'A local implementation of OGC API - Processes - Part 1: Core 1.0 with demo processes.',
      license: { name: 'MIT' },
    },
    servers: [{ url: serverUrl }],
    security: [{}, { bearerAuth: [] }],
    paths: {
      '/': get('getCapabilities', 'Landing page', json('Capabilities')),
      '/conformance': get(
        'getConformance',
        'Conformance declaration',
        json('ConformanceDeclaration'),
      ),
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This API definition',
          responses: {
            200: {
              description: 'The OpenAPI document',
              content: {
                'application/vnd.oai.openapi+json;version=3.0': { schema: { type: 'object' } },
              },
            },
          },
        },
      },
      '/processes': get('getProcesses', 'List the processes', json('ProcessList'), [
        ref('limit'),
        ref('offset'),
      ]),
      '/processes/{processID}': get(
        'getProcess',
        'Describe a process',
        json('ProcessDescription'),
        [ref('processID')],
        true,
      ),
      '/processes/{processID}/execution': {
        post: {
          operationId: 'executeProcess',
          summary: 'Execute a process',
          description:
            'Starts a job (201, Location header). With `Prefer: respond-sync` on a process ' +
            'offering `sync-execute`, waits for it and answers the results (200).',
          parameters: [
            ref('processID'),
            { name: 'Prefer', in: 'header', required: false, schema: { type: 'string' } },
          ],
          requestBody: { required: true, content: schemaContent('ProcessRequest') },
          responses: {
            200: {
              description: 'Results of a synchronous execution',
              headers: { 'Preference-Applied': { schema: { type: 'string' } } },
              content: schemaContent('JobResults'),
            },
            201: {
              description: 'Job created',
              headers: {
                Location: { description: 'URL of the job', schema: { type: 'string' } },
                'Preference-Applied': { schema: { type: 'string' } },
              },
              content: schemaContent('JobInfo'),
            },
            400: problem('Invalid request body or inputs'),
            404: problem('No such process'),
            500: problem('The job of a synchronous execution failed'),
            503: problem('Too many running jobs'),
            ...AUTH_ERRORS,
          },
        },
      },
      '/jobs': get('getJobs', 'List the jobs', json('JobList'), [
        ref('limit'),
        ref('offset'),
        listParameter('status', { $ref: '#/components/schemas/JobStatus' }),
        listParameter('processID', { type: 'string' }),
      ]),
      '/jobs/{jobID}': {
        ...get('getJob', 'Status of a job', json('JobInfo'), [ref('jobID')], true),
        delete: {
          operationId: 'dismissJob',
          summary: 'Dismiss a job: stop it if it runs, and remove it',
          parameters: [ref('jobID')],
          responses: {
            200: { description: 'The dismissed job', content: schemaContent('JobInfo') },
            404: problem('No such job'),
            ...AUTH_ERRORS,
          },
        },
      },
      '/jobs/{jobID}/results': {
        get: {
          operationId: 'getJobResults',
          summary: 'Results of a successful job',
          parameters: [ref('jobID')],
          responses: {
            200: { description: 'The results', content: schemaContent('JobResults') },
            404: problem('No such job, or the results are not ready (result-not-ready)'),
            500: problem('The job failed; the problem describes why'),
            ...AUTH_ERRORS,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'Required when the server was started with a token.',
        },
      },
      parameters: {
        processID: { name: 'processID', in: 'path', required: true, schema: { type: 'string' } },
        jobID: { name: 'jobID', in: 'path', required: true, schema: { type: 'string' } },
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
        },
        offset: {
          name: 'offset',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 0, default: 0 },
        },
      },
      schemas: SCHEMAS,
    },
  };
}

const AUTH_ERRORS = { 401: problem('Missing or invalid access token') };

function ref(name: string) {
  return { $ref: `#/components/parameters/${name}` };
}

function schemaRef(name: string) {
  return { $ref: `#/components/schemas/${name}` };
}

function schemaContent(name: string) {
  return { 'application/json': { schema: schemaRef(name) } };
}

function json(name: string) {
  return { description: name, content: schemaContent(name) };
}

function problem(description: string) {
  return {
    description,
    content: { 'application/problem+json': { schema: schemaRef('ApiError') } },
  };
}

function listParameter(name: string, items: Record<string, unknown>) {
  return {
    name,
    in: 'query',
    required: false,
    description: 'Repeat the parameter or separate values with commas.',
    style: 'form',
    explode: true,
    schema: { type: 'array', items },
  };
}

function get(
  operationId: string,
  summary: string,
  ok: Record<string, unknown>,
  parameters: unknown[] = [],
  notFound = false,
) {
  const errors: Record<string, unknown> = { ...AUTH_ERRORS };
  if (parameters.length > 0) errors[400] = problem('Invalid query parameter');
  if (notFound) errors[404] = problem('Not found');
  return { get: { operationId, summary, parameters, responses: { 200: ok, ...errors } } };
}

const linkList = { type: 'array', items: schemaRef('Link') };
const stringList = { type: 'array', items: { type: 'string' } };

const SCHEMAS = {
  Link: {
    type: 'object',
    required: ['href'],
    properties: {
      href: { type: 'string' },
      rel: { type: 'string' },
      type: { type: 'string' },
      hreflang: { type: 'string' },
      title: { type: 'string' },
    },
  },
  ApiError: {
    type: 'object',
    required: ['type'],
    description: 'Problem details (RFC 7807)',
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      issues: {
        type: 'array',
        items: {
          type: 'object',
          required: ['path', 'message'],
          properties: { path: { type: 'string' }, message: { type: 'string' } },
        },
      },
      traceback: stringList,
    },
    additionalProperties: true,
  },
  Capabilities: {
    type: 'object',
    required: ['links'],
    properties: { title: { type: 'string' }, description: { type: 'string' }, links: linkList },
  },
  ConformanceDeclaration: {
    type: 'object',
    required: ['conformsTo'],
    properties: { conformsTo: stringList },
  },
  JobControlOptions: { type: 'string', enum: ['sync-execute', 'async-execute', 'dismiss'] },
  TransmissionMode: { type: 'string', enum: ['value', 'reference'], default: 'value' },
  JobStatus: {
    type: 'string',
    enum: ['accepted', 'running', 'successful', 'failed', 'dismissed'],
  },
  Schema: {
    type: 'object',
    description: 'A JSON Schema object (OpenAPI 3.0 dialect)',
    additionalProperties: true,
  },
  InputDescription: {
    type: 'object',
    required: ['schema'],
    properties: {
      title: { type: 'string' },
      description: { type: 'string' },
      minOccurs: { type: 'integer', default: 1 },
      maxOccurs: {
        oneOf: [
          { type: 'integer', default: 1 },
          { type: 'string', enum: ['unbounded'] },
        ],
      },
      schema: schemaRef('Schema'),
    },
  },
  OutputDescription: {
    type: 'object',
    required: ['schema'],
    properties: {
      title: { type: 'string' },
      description: { type: 'string' },
      schema: schemaRef('Schema'),
    },
  },
  ProcessSummary: {
    type: 'object',
    required: ['id', 'version'],
    properties: {
      id: { type: 'string' },
      version: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      keywords: stringList,
      jobControlOptions: { type: 'array', items: schemaRef('JobControlOptions') },
      outputTransmission: { type: 'array', items: schemaRef('TransmissionMode') },
      links: linkList,
    },
  },
  ProcessDescription: {
    allOf: [
      schemaRef('ProcessSummary'),
      {
        type: 'object',
        properties: {
          inputs: { type: 'object', additionalProperties: schemaRef('InputDescription') },
          outputs: { type: 'object', additionalProperties: schemaRef('OutputDescription') },
        },
      },
    ],
  },
  ProcessList: {
    type: 'object',
    required: ['processes', 'links'],
    properties: {
      processes: { type: 'array', items: schemaRef('ProcessSummary') },
      links: linkList,
    },
  },
  ProcessRequest: {
    type: 'object',
    properties: {
      inputs: { type: 'object', additionalProperties: {} },
      outputs: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            format: { type: 'object' },
            transmissionMode: schemaRef('TransmissionMode'),
          },
        },
      },
      response: { type: 'string', enum: ['raw', 'document'], default: 'raw' },
    },
  },
  JobInfo: {
    type: 'object',
    required: ['jobID', 'status', 'type'],
    properties: {
      type: { type: 'string', enum: ['process'] },
      jobID: { type: 'string' },
      processID: { type: 'string' },
      status: schemaRef('JobStatus'),
      message: { type: 'string' },
      created: { type: 'string', format: 'date-time' },
      started: { type: 'string', format: 'date-time' },
      finished: { type: 'string', format: 'date-time' },
      updated: { type: 'string', format: 'date-time' },
      progress: { type: 'integer', minimum: 0, maximum: 100 },
      links: linkList,
      traceback: stringList,
    },
  },
  JobList: {
    type: 'object',
    required: ['jobs', 'links'],
    properties: { jobs: { type: 'array', items: schemaRef('JobInfo') }, links: linkList },
  },
  JobResults: {
    type: 'object',
    description: 'One value per output ID: an inline value, a qualified value or a link',
    additionalProperties: {},
  },
};
