import type { InputDescription, ProcessDescription, ProcessRequest } from '@s2gos/async';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { RequestProblem } from './errors.js';
import { isRecord, type JsonObject, preview } from './values.js';

type JsonSchema = JsonObject | boolean;

const LINK_KEYS = new Set(['href', 'rel', 'type', 'hreflang', 'title']);
const QUALIFIED_VALUE_KEYS = new Set(['value', 'mediaType', 'encoding', 'schema']);

// Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
const SCHEMA_KEYWORDS = new Set([
  'not',
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
]);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions']);
// OpenAPI 3.0 annotations and keywords a client cannot honour: `$ref`s point into documents we
// don't have, so values under them are not checked here (the server still is).
const DROPPED_KEYWORDS = new Set([
  '$ref',
  '$schema',
  '$id',
  'nullable',
  'discriminator',
  'example',
  'xml',
  'externalDocs',
]);

let sharedAjv: Ajv | undefined;

function ajv(): Ajv {
  // strict: false because process descriptions carry OpenAPI annotations Ajv does not know;
  // verbose: true to quote the offending value in each problem.
  sharedAjv ??= addFormats(
    new Ajv({ allErrors: true, strict: false, logger: false, verbose: true }),
  );
  return sharedAjv;
}

/**
 * Checks the inputs of `request` against the input descriptions of `process` with a JSON Schema
 * validator: required inputs (by `minOccurs`), unknown inputs, types, bounds, enums, formats,
 * and `maxOccurs` for several values given as a list. Returns every problem found (none when
 * the request is valid). Links (`{href}`) are not checked; qualified values (`{value, mediaType}`)
 * are checked by their `value`.
 */
export function findRequestProblems(
  process: ProcessDescription,
  request: ProcessRequest,
): RequestProblem[] {
  const inputs: JsonObject = isRecord(request.inputs) ? request.inputs : {};
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, description] of Object.entries(process.inputs ?? {})) {
    properties[name] = inputSchema(description, inputs[name]);
    if ((description.minOccurs ?? 1) > 0) required.push(name);
  }
  const validate = ajv().compile({
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  });
  const data = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, unwrapQualifiedValues(value)]),
  );
  if (validate(data)) return [];
  // Alternatives (anyOf, oneOf) can report the same problem more than once.
  const unique = new Map<string, RequestProblem>();
  for (const error of validate.errors ?? []) {
    const problem = toProblem(error, process.id);
    unique.set(`${problem.path}\u0000${problem.message}`, problem);
  }
  return [...unique.values()];
}

function inputSchema(description: InputDescription, value: unknown): JsonSchema {
  if (isLink(value)) return true;
  const schema = toJsonSchema(description.schema);
  const minOccurs = description.minOccurs ?? 1;
  const maxOccurs = description.maxOccurs === 'unbounded' ? Infinity : (description.maxOccurs ?? 1);
  const schemaIsArray = isRecord(schema) && schema.type === 'array';
  // OGC API - Processes sends several values of one input as a list.
  if (maxOccurs > 1 && (minOccurs > 1 || (Array.isArray(value) && !schemaIsArray))) {
    return {
      type: 'array',
      items: schema,
      ...(minOccurs > 1 ? { minItems: minOccurs } : {}),
      ...(Number.isFinite(maxOccurs) ? { maxItems: maxOccurs } : {}),
    };
  }
  return schema;
}

/** Converts an OpenAPI 3.0 schema object to the JSON Schema (draft-07) Ajv validates with. */
function toJsonSchema(schema: unknown): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (!isRecord(schema)) return true;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key)) continue;
    if (SCHEMA_KEYWORDS.has(key)) result[key] = toJsonSchema(value);
    else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      result[key] = value.map(toJsonSchema);
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isRecord(value)) {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]),
      );
    } else if (key === 'items') {
      result[key] = Array.isArray(value) ? value.map(toJsonSchema) : toJsonSchema(value);
    } else result[key] = value;
  }
  // OpenAPI 3.0 (like draft-04) marks a bound exclusive with a boolean beside it.
  for (const [bound, exclusive] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    if (typeof schema[exclusive] === 'boolean') {
      delete result[exclusive];
      if (schema[exclusive] === true && typeof schema[bound] === 'number') {
        result[exclusive] = schema[bound];
        delete result[bound];
      }
    }
  }
  if (schema.nullable === true) {
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    if (Array.isArray(result.enum) && !result.enum.includes(null))
      result.enum = [...result.enum, null];
  }
  return result;
}

function isLink(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.href === 'string' &&
    Object.keys(value).every((key) => LINK_KEYS.has(key))
  );
}

function unwrapQualifiedValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapQualifiedValues);
  if (isRecord(value) && 'value' in value) {
    if (Object.keys(value).every((key) => QUALIFIED_VALUE_KEYS.has(key))) return value.value;
  }
  return value;
}

function toProblem(error: ErrorObject, processId: string): RequestProblem {
  const path = `inputs${pointerToPath(error.instancePath)}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: joinPath(path, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return {
        path: joinPath(path, String(params.additionalProperty)),
        message:
          error.instancePath === ''
            ? `is not an input of process '${processId}'`
            : 'is not allowed here',
      };
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return {
        path,
        message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${preview(error.data)}`,
      };
    }
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
    case 'not':
    case 'if':
      return { path, message: error.message ?? 'is invalid' };
    default:
      return { path, message: `${error.message ?? 'is invalid'}, got ${preview(error.data)}` };
  }
}

function pointerToPath(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
}

function joinPath(path: string, name: string): string {
  return `${path}.${name}`;
}
