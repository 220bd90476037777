import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ProcessDescription, ProcessRequest } from '@s2gos/async';
import { ProcessRequestSchema, safeParseModel } from '@s2gos/async/internal';
import { checkProcessRequestInput } from '@s2gos/models';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InvalidRequestError, UsageError } from './errors.js';
import { type InputStream, readAll } from './io.js';
import { summariseInput } from './schema-summary.js';
import { isHttpUrl, isRecord, type JsonObject } from './values.js';

/**
 * A request file (`-r FILE`) and what `create-request` prints: a process request plus, as in the
 * Python tool's files, the optional `process_id` and `dotpath` members.
 */
export type RequestDocument = ProcessRequest & { process_id?: string; dotpath?: boolean };

/** Where a request comes from: the command's `-r`, `-i`, `-d` and `-s` options. */
export interface RequestSources {
  /** `-r/--request`: a JSON or YAML file, `-` for stdin. */
  request?: string;
  /** `-i/--input NAME=VALUE`, in order; later ones win. */
  input?: readonly string[];
  /** `-d/--dotpath`: input names with dots build nested objects. */
  dotpath?: boolean;
  /** `-s/--subscriber EVENT=URL`. */
  subscriber?: readonly string[];
}

/** A request ready to be sent, the process it is for, and what the user should hear about it. */
export interface ExecutionRequest {
  processId: string;
  request: ProcessRequest;
  /** Things that look wrong but do not stop the command, e.g. two different process ids. */
  warnings: string[];
}

type ProcessInputs = NonNullable<ProcessRequest['inputs']>;

const SUBSCRIBER_EVENTS = {
  success: 'successUri',
  failed: 'failedUri',
  progress: 'inProgressUri',
} as const;

type SubscriberEvent = keyof typeof SUBSCRIBER_EVENTS;

/**
 * Builds the request from its sources: the file first, then `-i` inputs and `-s` subscribers on
 * top; with dotpath (`-d` or `dotpath: true` in the file) dotted input names become nested objects.
 */
export async function buildExecutionRequest(
  processIdArgument: string | undefined,
  sources: RequestSources,
  stdin: InputStream,
): Promise<ExecutionRequest> {
  const {
    process_id: fileProcessId,
    dotpath: fileDotpath,
    ...document
  } = sources.request ? await readRequestDocument(sources.request, stdin) : ({} as RequestDocument);
  const processId = processIdArgument ?? fileProcessId;
  if (!processId) {
    throw new UsageError(
      'missing PROCESS_ID: give it as an argument or as process_id in the request file',
    );
  }
  const warnings: string[] = [];
  if (processIdArgument && fileProcessId && fileProcessId !== processIdArgument) {
    warnings.push(
      `the request file is for process '${fileProcessId}'; using '${processIdArgument}' from the command line`,
    );
  }
  // A member the server does not know would be ignored by it: `input:` would run the defaults.
  const unknownMembers = checkProcessRequestInput(document);
  if (unknownMembers.length > 0) {
    throw new InvalidRequestError(
      processId,
      unknownMembers.map(({ path, message }) => ({ path: path || '(request)', message })),
    );
  }
  let inputs: JsonObject = { ...document.inputs };
  // A name given more than once collects its values into a list, in order.
  const given = new Map<string, unknown[]>();
  for (const assignment of sources.input ?? []) {
    const [name, value] = parseInputAssignment(assignment);
    const values = given.get(name);
    if (values) values.push(value);
    else given.set(name, [value]);
  }
  for (const [name, values] of given) inputs[name] = values.length === 1 ? values[0] : values;
  if (sources.dotpath || fileDotpath === true) inputs = nestDotPaths(inputs);

  // Input values are any JSON the user wrote; the server judges them (or validate-request does).
  const request: ProcessRequest = { ...document, inputs: inputs as ProcessInputs };
  if (sources.subscriber?.length) {
    const subscriber: JsonObject = { ...document.subscriber };
    for (const entry of sources.subscriber) {
      const [key, url] = parseSubscriber(entry);
      subscriber[key] = url;
    }
    if (typeof subscriber.successUri !== 'string') {
      throw new UsageError('a subscriber needs a success URL: add -s success=URL');
    }
    request.subscriber = { ...subscriber, successUri: subscriber.successUri };
  }
  // The shape of the request (outputs, response, subscriber, ...) as @s2gos/models defines it;
  // the input values themselves are judged by the server or validate-request.
  const checked = safeParseModel(ProcessRequestSchema, request);
  if (!checked.success) {
    throw new InvalidRequestError(
      processId,
      checked.issues.map(({ path, expected, received, message }) => ({
        path: path || '(request)',
        message: expected ? `expected ${expected}, got ${received}` : message,
      })),
    );
  }
  return { processId, request, warnings };
}

/**
 * Reads a request file: JSON when the name ends with `.json` (or stdin starts with `{`), YAML
 * otherwise. Checks the members the CLI itself works with; the server checks the rest.
 */
export async function readRequestDocument(
  path: string,
  stdin: InputStream,
): Promise<RequestDocument> {
  const name = path === '-' ? '<stdin>' : `'${path}'`;
  const raw = path === '-' ? await readAll(stdin) : await readText(path);
  // A byte order mark, as Windows editors and PowerShell write UTF-8, is no content: the YAML
  // parser skips it, but JSON.parse rejects it as an unexpected (invisible) token.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const isJson = path === '-' ? text.trimStart().startsWith('{') : extname(path) === '.json';
  const document = isJson ? parseJson(text, name) : parseYamlText(text, name);
  if (!isRecord(document)) {
    throw new UsageError(`request ${name} must hold a mapping, got ${describeType(document)}`);
  }
  for (const key of ['inputs', 'outputs', 'subscriber'] as const) {
    if (document[key] !== undefined && !isRecord(document[key])) {
      throw new UsageError(
        `request ${name}: '${key}' must be a mapping, got ${describeType(document[key])}`,
      );
    }
  }
  if (document.process_id !== undefined && typeof document.process_id !== 'string') {
    throw new UsageError(`request ${name}: 'process_id' must be a string`);
  }
  // The checks above are what merging -i and -s needs; buildExecutionRequest checks the whole
  // request against the model once it is complete.
  return document as RequestDocument;
}

/**
 * Parses `-i NAME=VALUE`: the value as JSON when it parses (`42`, `true`, `[1,2]`, `"text"`),
 * otherwise as the string itself. `-i NAME` alone means `NAME=true`, as in the Python tool.
 *
 * @throws UsageError when the value starts like a JSON array, object or string (`[`, `{`, `"`)
 *   but is not valid JSON: a typo there would otherwise be sent as a string.
 */
export function parseInputAssignment(assignment: string): [name: string, value: unknown] {
  const equals = assignment.indexOf('=');
  const name = (equals < 0 ? assignment : assignment.slice(0, equals)).trim();
  if (!name) throw new UsageError(`invalid input '${assignment}': expected NAME=VALUE`);
  if (equals < 0) return [name, true];
  const text = assignment.slice(equals + 1);
  if (!text.trim()) {
    throw new UsageError(
      `invalid input '${assignment}': missing the value (write ${name}='""' for an empty string)`,
    );
  }
  try {
    return [name, JSON.parse(text)];
  } catch (error) {
    if (!/^\s*[[{"]/.test(text)) return [name, text];
    throw new UsageError(
      `invalid input '${assignment}': the value starts like JSON but does not parse ` +
        `(${(error as Error).message}); to send it as a string, write it as a JSON string: ` +
        `-i '${name}=${JSON.stringify(text)}'`,
    );
  }
}

/** Parses `-s EVENT=URL` (events `success`, `failed`, `progress`) to a subscriber member. */
export function parseSubscriber(entry: string): [key: string, url: string] {
  const equals = entry.indexOf('=');
  const event = entry.slice(0, Math.max(equals, 0)).trim();
  const url = entry.slice(equals + 1).trim();
  const events = Object.keys(SUBSCRIBER_EVENTS).join(', ');
  if (equals < 0 || !(event in SUBSCRIBER_EVENTS)) {
    throw new UsageError(
      `invalid subscriber '${entry}': expected EVENT=URL with EVENT one of ${events}`,
    );
  }
  if (!isHttpUrl(url)) {
    throw new UsageError(`invalid subscriber '${entry}': '${url}' is not an http(s) URL`);
  }
  return [SUBSCRIBER_EVENTS[event as SubscriberEvent], url];
}

/** Turns `{'scene.colors.bg': 'red'}` into `{scene: {colors: {bg: 'red'}}}`, merging into objects already there. */
export function nestDotPaths(inputs: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [path, value] of Object.entries(inputs)) {
    const keys = path.split('.');
    if (keys.some((key) => key === '')) {
      throw new UsageError(`invalid input name '${path}': empty part in the dot path`);
    }
    let target = result;
    keys.slice(0, -1).forEach((key, i) => {
      const next = target[key] ?? {};
      if (!isRecord(next)) {
        const prefix = keys.slice(0, i + 1).join('.');
        throw new UsageError(`cannot set input '${path}': '${prefix}' is not an object`);
      }
      target[key] = next;
      target = next;
    });
    target[keys.at(-1) as string] = isRecord(value) ? structuredClone(value) : value;
  }
  return result;
}

/**
 * A request template for `create-request`: for each input its default, else its first enum
 * value (or example), else a placeholder of its type. With `dotpath`, nested object values are
 * written as dotted names.
 */
export function createRequestTemplate(
  description: ProcessDescription,
  options: { dotpath?: boolean } = {},
): RequestDocument {
  let inputs: JsonObject = {};
  for (const [name, input] of Object.entries(description.inputs ?? {})) {
    const value = placeholderFor(input.schema);
    const minOccurs = input.minOccurs ?? 1;
    inputs[name] = minOccurs > 1 ? Array.from({ length: minOccurs }, () => value) : value;
  }
  if (options.dotpath) inputs = flattenObjects(inputs);
  return {
    process_id: description.id,
    ...(options.dotpath ? { dotpath: true } : {}),
    inputs: inputs as ProcessInputs,
  };
}

/** A value that fits `schema` as far as a placeholder can (see {@link createRequestTemplate}). */
export function placeholderFor(schema: unknown): unknown {
  if (!isRecord(schema)) return null;
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const alternatives = schema[key];
    if (Array.isArray(alternatives) && alternatives.length > 0 && schema.type === undefined) {
      return placeholderFor(alternatives[0]);
    }
  }
  const type = Array.isArray(schema.type)
    ? schema.type.find((t) => t !== 'null')
    : (schema.type ?? (isRecord(schema.properties) ? 'object' : undefined));
  switch (type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return numberPlaceholder(schema, type === 'integer');
    case 'string':
      return stringPlaceholder(schema);
    case 'array': {
      // `items` is one schema for every item, or (JSON Schema draft-07) one schema per position.
      const { items } = schema;
      const count = Math.max(
        typeof schema.minItems === 'number' ? schema.minItems : 0,
        Array.isArray(items) ? items.length : 0,
      );
      return Array.from({ length: count }, (_, i) =>
        placeholderFor(Array.isArray(items) ? items[i] : items),
      );
    }
    case 'object':
      if (isBoundingBox(schema)) return boundingBoxPlaceholder(schema);
      return isRecord(schema.properties)
        ? Object.fromEntries(
            Object.entries(schema.properties).map(([name, sub]) => [name, placeholderFor(sub)]),
          )
        : {};
    default:
      return null;
  }
}

/** An OGC bounding box object: `format: ogc-bbox`, or a `bbox` property that is an array. */
function isBoundingBox(schema: JsonObject): boolean {
  const bbox = isRecord(schema.properties) ? schema.properties.bbox : undefined;
  return (
    isRecord(bbox) &&
    (schema.format === 'ogc-bbox' || bbox.type === 'array' || bbox.items !== undefined)
  );
}

// Where the schema gives no bounds: the whole CRS84 world, and 0 to 1 on any third axis.
const AXIS_RANGES: readonly (readonly [number, number])[] = [
  [-180, 180],
  [-90, 90],
  [0, 1],
];

/**
 * A valid, non-empty box: the lower corner at each axis's lower bound, the upper corner at its
 * upper bound (from the per-position item schemas, else {@link AXIS_RANGES}); the other members
 * (such as `crs`) as their placeholders.
 */
function boundingBoxPlaceholder(schema: JsonObject): JsonObject {
  const properties = schema.properties as JsonObject;
  const bbox = properties.bbox as JsonObject;
  const items = Array.isArray(bbox.items) ? bbox.items : [];
  const size = bbox.minItems === 6 || items.length === 6 ? 6 : 4;
  const axes = size / 2;
  const corner = (upper: boolean) =>
    Array.from({ length: axes }, (_, axis) => {
      const item = items[upper ? axis + axes : axis];
      const bound = isRecord(item) ? item[upper ? 'maximum' : 'minimum'] : undefined;
      const range = AXIS_RANGES[axes === 3 && axis === 2 ? 2 : axis] ?? [0, 1];
      return typeof bound === 'number' ? bound : range[upper ? 1 : 0];
    });
  const others = Object.entries(properties)
    .filter(([name]) => name !== 'bbox')
    .map(([name, sub]) => [name, placeholderFor(sub)]);
  return { bbox: [...corner(false), ...corner(true)], ...Object.fromEntries(others) };
}

/**
 * The comments of a request template in YAML: for each input its title, type, whether it is
 * required, bounds, allowed values and default; keyed by the path of the input in `template`
 * (its first dotted name with dotpath).
 */
export function requestTemplateComments(
  description: ProcessDescription,
  template: RequestDocument,
): Record<string, string> {
  const keys = Object.keys(template.inputs ?? {});
  const comments: Record<string, string> = {};
  for (const [name, input] of Object.entries(description.inputs ?? {})) {
    const key = keys.find((k) => k === name || k.startsWith(`${name}.`));
    if (key === undefined) continue;
    const summary = summariseInput(input);
    const details = [
      summary.constraints,
      summary.default === undefined ? '' : `default: ${summary.default}`,
    ].filter(Boolean);
    comments[`inputs.${key}`] = [
      `${summary.title ?? name}: ${summary.type}, ${summary.required ? 'required' : 'optional'}`,
      ...(details.length > 0 ? [details.join('; ')] : []),
    ].join('\n');
  }
  return comments;
}

function numberPlaceholder(schema: JsonObject, integer: boolean): number {
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum, JSON Schema as numbers.
  const bound = (inclusive: unknown, exclusive: unknown): [number, boolean] | undefined => {
    if (typeof exclusive === 'number') return [exclusive, true];
    if (typeof inclusive === 'number') return [inclusive, exclusive === true];
    return undefined;
  };
  const lower = bound(schema.minimum, schema.exclusiveMinimum);
  const upper = bound(schema.maximum, schema.exclusiveMaximum);
  if (lower) {
    const [min, open] = lower;
    if (integer) return open ? Math.floor(min) + 1 : Math.ceil(min);
    if (!open) return min;
    return upper ? (min + upper[0]) / 2 : min + 1;
  }
  if (upper) {
    const [max, open] = upper;
    if (integer) return open ? Math.ceil(max) - 1 : Math.floor(max);
    return open ? max - 1 : max;
  }
  return 0;
}

function stringPlaceholder(schema: JsonObject): string {
  const now = new Date().toISOString();
  if (schema.format === 'date') return now.slice(0, 10);
  if (schema.format === 'date-time') return `${now.slice(0, 19)}Z`;
  return '';
}

function flattenObjects(value: JsonObject, prefix = ''): JsonObject {
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const path = prefix + key;
    if (isRecord(item) && Object.keys(item).length > 0) {
      Object.assign(result, flattenObjects(item, `${path}.`));
    } else {
      result[path] = item;
    }
  }
  return result;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`request file '${path}' not found`);
    if (code === 'EISDIR') throw new UsageError(`request file '${path}' is a directory`);
    throw new UsageError(`cannot read request file '${path}': ${(error as Error).message}`);
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`cannot parse request ${name} as JSON: ${(error as Error).message}`);
  }
}

function parseYamlText(text: string, name: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    // The first line says what and where ("... at line 3, column 2:"); the rest quotes the text.
    const [summary = ''] = error.message.split('\n');
    throw new UsageError(`cannot parse request ${name} as YAML: ${summary.replace(/:$/, '')}`);
  }
}

function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
