import type { InputDescription, OutputDescription, Schema } from '@s2gos/models';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { ProblemIssue } from './errors.js';

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin })
  .default ?? addFormatsPlugin) as typeof addFormatsPlugin;

/** A JSON Schema (draft-07) object as ajv takes it. */
type JsonSchema = Record<string, unknown>;

/** Checks a value and fills in schema defaults; returns the problems found (empty: valid). */
export type Validator = (value: unknown) => ProblemIssue[];

/**
 * Creates the ajv instance shared by all validators of an app.
 *
 * `strict: false` because process descriptions use the OpenAPI 3.0 Schema dialect, whose
 * annotations (`example`, `discriminator`) and formats (`binary`, `ogc-bbox`) ajv does not know;
 * unknown formats pass.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, logger: false });
  addFormats(ajv);
  return ajv;
}

/**
 * Converts a schema of the OpenAPI 3.0 dialect to JSON Schema draft-07: `nullable: true` adds
 * `null` to `type`, boolean `exclusiveMinimum`/`exclusiveMaximum` become numeric bounds.
 */
export function toJsonSchema(schema: Schema): JsonSchema {
  const { nullable, exclusiveMinimum, exclusiveMaximum, ...rest } = schema as Record<
    string,
    unknown
  >;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(rest)) {
    out[key] = convertMember(key, value);
  }
  if (typeof exclusiveMinimum === 'number') out.exclusiveMinimum = exclusiveMinimum;
  else if (exclusiveMinimum === true && typeof rest.minimum === 'number') {
    out.exclusiveMinimum = rest.minimum;
    delete out.minimum;
  }
  if (typeof exclusiveMaximum === 'number') out.exclusiveMaximum = exclusiveMaximum;
  else if (exclusiveMaximum === true && typeof rest.maximum === 'number') {
    out.exclusiveMaximum = rest.maximum;
    delete out.maximum;
  }
  if (nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

function convertMember(key: string, value: unknown): unknown {
  if (key === 'not' || key === 'additionalProperties') {
    return isObject(value) ? toJsonSchema(value as Schema) : value;
  }
  if (key === 'items') {
    if (Array.isArray(value)) return value.map((item) => toJsonSchema(item as Schema));
    return isObject(value) ? toJsonSchema(value as Schema) : value;
  }
  if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) {
    return value.map((item) => toJsonSchema(item as Schema));
  }
  if (key === 'properties' && isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub as Schema)]),
    );
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The schema of the whole `inputs` object of an execute request: one property per input,
 * `required` for inputs with `minOccurs > 0` (the spec's default is 1), arrays for inputs that
 * may occur more than once, and no unknown inputs.
 */
export function inputsSchema(inputs: Record<string, InputDescription>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [id, input] of Object.entries(inputs)) {
    const minOccurs = input.minOccurs ?? 1;
    const maxOccurs = input.maxOccurs ?? 1;
    const single = toJsonSchema(input.schema);
    if (maxOccurs === 'unbounded' || maxOccurs > 1) {
      const many: JsonSchema = { type: 'array', items: single, minItems: Math.max(minOccurs, 1) };
      if (maxOccurs !== 'unbounded') many.maxItems = maxOccurs;
      // One occurrence may also be given without the array.
      properties[id] = minOccurs <= 1 ? { anyOf: [single, many] } : many;
    } else {
      properties[id] = single;
    }
    if (minOccurs > 0) required.push(id);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/** The schema of a process's outputs: each declared output, if present, matches its schema. */
export function outputsSchema(outputs: Record<string, OutputDescription>): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(outputs).map(([id, output]) => [id, toJsonSchema(output.schema)]),
  );
  return { type: 'object', properties, additionalProperties: false };
}

/** Compiles a validator whose issues have paths below `root` (e.g. `inputs.min_val`). */
export function compileValidator(ajv: Ajv, schema: JsonSchema, root: string): Validator {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => (validate(value) ? [] : issuesOf(validate.errors ?? [], root));
}

function issuesOf(errors: readonly ErrorObject[], root: string): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const issue = issueOf(error, root);
    const key = `${issue.path}\0${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function issueOf(error: ErrorObject, root: string): ProblemIssue {
  const path = joinPath(root, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: joinName(path, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: joinName(path, String(params.additionalProperty)), message: 'is not known' };
    case 'enum':
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path, message: error.message ?? `fails '${error.keyword}'` };
  }
}

/** Turns a JSON pointer (`/bbox/bbox/0`) into a dotted path (`inputs.bbox.bbox[0]`). */
function joinPath(root: string, pointer: string): string {
  let path = root;
  for (const token of pointer.split('/').slice(1)) {
    const name = token.replaceAll('~1', '/').replaceAll('~0', '~');
    path = /^\d+$/.test(name) ? `${path}[${name}]` : joinName(path, name);
  }
  return path;
}

function joinName(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
