import type { InputDescription, ProcessDescription, ProcessRequest } from '@s2gos/async';
import { inputsJsonSchema, toJsonSchema } from '@s2gos/models';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { RequestProblem } from './errors.js';
import { isRecord, type JsonObject, preview } from './values.js';

const LINK_KEYS = new Set(['href', 'rel', 'type', 'hreflang', 'title']);
const QUALIFIED_VALUE_KEYS = new Set(['value', 'mediaType', 'encoding', 'schema']);

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
  const schema = inputsJsonSchema(process);
  const properties = schema.properties ?? {};
  const data: JsonObject = {};
  // Inputs given as one value where a list may be given, checked as a list of one.
  const single = new Set<string>();
  for (const [name, value] of Object.entries(inputs)) {
    const description = process.inputs?.[name];
    if (isLink(value) && name in properties) properties[name] = true;
    else if (description && !Array.isArray(value) && takesOneValueAsList(description)) {
      single.add(name);
    }
    data[name] = single.has(name) ? [unwrapQualifiedValues(value)] : unwrapQualifiedValues(value);
  }
  const validate = ajv().compile(schema);
  if (validate(data)) return [];
  // Alternatives (anyOf, oneOf) can report the same problem more than once.
  const unique = new Map<string, RequestProblem>();
  for (const error of validate.errors ?? []) {
    const problem = toProblem(error, process.id, single);
    unique.set(`${problem.path}\u0000${problem.message}`, problem);
  }
  return [...unique.values()];
}

// OGC API - Processes lets one value stand for a list of one when at most one is required.
function takesOneValueAsList(description: InputDescription): boolean {
  const maxOccurs = description.maxOccurs ?? 1;
  const many = maxOccurs === 'unbounded' || maxOccurs > 1;
  return (
    many && (description.minOccurs ?? 1) <= 1 && toJsonSchema(description.schema).type !== 'array'
  );
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

function toProblem(error: ErrorObject, processId: string, single: Set<string>): RequestProblem {
  const path = `inputs${pointerToPath(error.instancePath, single)}`;
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

// A value given alone is reported at the input's path, not as the first item of its list.
function pointerToPath(pointer: string, single: Set<string>): string {
  if (!pointer) return '';
  const parts = pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (parts.length > 1 && single.has(parts[0] ?? '')) parts.splice(1, 1);
  return parts.map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('');
}

function joinPath(path: string, name: string): string {
  return `${path}.${name}`;
}
