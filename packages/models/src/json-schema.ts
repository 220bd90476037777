/**
 * The one converter from the schema dialect of process descriptions (OpenAPI 3.0 Schema Object,
 * with the JSON Schema 2019 forms some servers send) to JSON Schema draft-07, the dialect ajv,
 * @rjsf and json-schema-to-typescript take by default. Pure and browser-safe.
 */
import type { InputDescription } from './schemas/input-description.js';
import type { OutputDescription } from './schemas/output-description.js';
import type { ProcessDescription } from './schemas/process-description.js';

/** The primitive type names of JSON Schema. */
export type JsonSchemaTypeName =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'array'
  | 'null';

/** A JSON value, as `enum`, `const` and `default` hold them. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * A JSON Schema (draft-07) object. The common keywords are typed; any other keyword the source
 * schema carried (e.g. `format: ogc-bbox`, `contentMediaType`) is kept as it was. Assignable to
 * `JSONSchema7` of `@types/json-schema` (the schema type of `@rjsf` and ajv).
 */
export interface JsonSchema {
  title?: string;
  description?: string;
  default?: JsonValue;
  type?: JsonSchemaTypeName | JsonSchemaTypeName[];
  enum?: JsonValue[];
  const?: JsonValue;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  properties?: Record<string, JsonSchema | boolean>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema | boolean | (JsonSchema | boolean)[];
  allOf?: (JsonSchema | boolean)[];
  anyOf?: (JsonSchema | boolean)[];
  oneOf?: (JsonSchema | boolean)[];
  not?: JsonSchema | boolean;
  [keyword: string]: unknown;
}

/** Options of {@link toJsonSchema}. */
export interface ToJsonSchemaOptions {
  /**
   * The document local `$ref`s (`#/...`) point into, e.g. the process description the schema
   * belongs to. A reference that does not resolve there is tried against the schema itself.
   */
  root?: unknown;
}

/** Options of {@link inputsJsonSchema}. */
export interface InputsJsonSchemaOptions {
  /**
   * Whether an input that may occur several times (`maxOccurs` > 1) and at most once is required
   * (`minOccurs` ≤ 1) also accepts one value without the list, as OGC API - Processes allows
   * (`anyOf: [value, list]`). Off by default: forms and generated types get the list only.
   */
  singleValue?: boolean;
}

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
  'contentSchema',
]);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties']);
// OpenAPI-only annotations draft-07 does not have, identifiers that would re-scope the result,
// and the definitions every local `$ref` is inlined from.
const DROPPED_KEYWORDS = new Set([
  '$schema',
  '$id',
  'id',
  'nullable',
  'discriminator',
  'example',
  'xml',
  'externalDocs',
  'definitions',
  '$defs',
]);
// Keywords whose value may meaningfully be `null`; any other `null`-valued keyword is dropped.
const NULLABLE_KEYWORDS = new Set(['default', 'const']);
// Keywords draft-07 requires to be lists; another value is dropped rather than made invalid.
const LIST_KEYWORDS = new Set(['examples', 'required', 'enum']);

interface Context {
  roots: unknown[];
  resolving: Set<object>;
}

/**
 * Converts one schema of a process description to JSON Schema draft-07: `nullable: true` adds
 * `null` to `type` (and `enum`), boolean `exclusiveMinimum`/`exclusiveMaximum` become numeric
 * bounds, local `$ref`s are inlined (a recursive or non-local one allows any value),
 * `null`-valued keywords other than `default`/`const` and `x-` extensions are dropped, and
 * `oneOf`/`anyOf`/`allOf`, `items`, `properties` and the other nested schemas are converted in
 * turn. Unknown keywords and formats (`ogc-bbox`, `binary`) are kept. `true` gives `{}`, `false`
 * gives `{ not: {} }`; anything that is not a schema gives `{}`.
 *
 * @example
 * toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, nullable: true });
 * // { type: ['number', 'null'], exclusiveMinimum: 0 }
 */
export function toJsonSchema(schema: unknown, options: ToJsonSchemaOptions = {}): JsonSchema {
  const roots = options.root === undefined ? [schema] : [options.root, schema];
  const converted = convert(schema, { roots, resolving: new Set() });
  if (converted === true) return {};
  if (converted === false) return { not: {} };
  return converted;
}

/**
 * The JSON Schema of the `inputs` object of an execute request for `description`: one property
 * per input, with the input's `title` and `description` over its converted schema; `required`
 * lists the inputs with `minOccurs` ≥ 1 (the default) and no default; an input with `maxOccurs`
 * > 1 or `'unbounded'` is a list (`minItems`/`maxItems` from the occurrence bounds) unless its
 * own schema is already one; unknown inputs are not allowed.
 */
export function inputsJsonSchema(
  description: ProcessDescription,
  options: InputsJsonSchemaOptions = {},
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, input] of Object.entries(description.inputs ?? {})) {
    const schema = toJsonSchema(input.schema, { root: description });
    properties[name] = annotate(input, occurrences(input, schema, options));
    if ((input.minOccurs ?? 1) > 0 && schema.default === undefined) required.push(name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/**
 * The JSON Schema of the outputs of `description` as a results document carries them by value:
 * one property per output with its `title`/`description` over its converted schema. No output is
 * required (a request may select some) and unknown ones are not allowed.
 */
export function outputsJsonSchema(description: ProcessDescription): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, output] of Object.entries(description.outputs ?? {})) {
    properties[name] = annotate(output, toJsonSchema(output.schema, { root: description }));
  }
  return { type: 'object', properties, additionalProperties: false };
}

function occurrences(
  input: InputDescription,
  schema: JsonSchema,
  options: InputsJsonSchemaOptions,
): JsonSchema {
  const minOccurs = input.minOccurs ?? 1;
  const maxOccurs = input.maxOccurs ?? 1;
  const many = maxOccurs === 'unbounded' || maxOccurs > 1;
  if (!many || schema.type === 'array') return schema;
  const { title, description, default: _default, ...items } = schema;
  const list: JsonSchema = {
    type: 'array',
    items,
    ...(minOccurs > 0 ? { minItems: minOccurs } : {}),
    ...(maxOccurs === 'unbounded' ? {} : { maxItems: maxOccurs }),
  };
  return options.singleValue && minOccurs <= 1 ? { anyOf: [schema, list] } : list;
}

// The input's or output's own title and description win over its schema's.
function annotate(described: InputDescription | OutputDescription, schema: JsonSchema): JsonSchema {
  const { title: schemaTitle, description: schemaDescription, ...rest } = schema;
  const title = described.title ?? schemaTitle;
  const description = described.description ?? schemaDescription;
  return {
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...rest,
  };
}

function convert(schema: unknown, context: Context): JsonSchema | boolean {
  if (typeof schema === 'boolean') return schema;
  if (!isRecord(schema)) return true;
  if (typeof schema.$ref === 'string') return convertReference(schema, schema.$ref, context);
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (value === undefined || (value === null && !NULLABLE_KEYWORDS.has(key))) continue;
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-') || key === '$ref') continue;
    if (LIST_KEYWORDS.has(key) && !Array.isArray(value)) continue;
    if (SCHEMA_KEYWORDS.has(key)) result[key] = convert(value, context);
    else if (SCHEMA_LIST_KEYWORDS.has(key)) {
      if (Array.isArray(value)) result[key] = value.map((sub) => convert(sub, context));
    } else if (SCHEMA_MAP_KEYWORDS.has(key)) {
      if (isRecord(value)) result[key] = mapValues(value, (sub) => convert(sub, context));
    } else if (key === 'items') {
      result.items = Array.isArray(value)
        ? value.map((sub) => convert(sub, context))
        : convert(value, context);
    } else result[key] = value;
  }
  convertExclusiveBounds(schema, result);
  return schema.nullable === true ? makeNullable(result) : result;
}

// OpenAPI 3.0 (like draft-04) marks a bound exclusive with a boolean beside it.
function convertExclusiveBounds(schema: Record<string, unknown>, result: JsonSchema): void {
  for (const [bound, exclusive] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    if (typeof schema[exclusive] !== 'boolean') continue;
    delete result[exclusive];
    if (schema[exclusive] === true && typeof schema[bound] === 'number') {
      result[exclusive] = schema[bound];
      delete result[bound];
    }
  }
}

function makeNullable(result: JsonSchema): JsonSchema {
  if (Array.isArray(result.enum) && !result.enum.includes(null)) {
    result.enum = [...result.enum, null];
  }
  if (typeof result.type === 'string') result.type = [result.type, 'null'];
  else if (Array.isArray(result.type)) {
    if (!result.type.includes('null')) result.type = [...result.type, 'null'];
  } else if (result.allOf || result.anyOf || result.oneOf || result.not) {
    // Without a type, only the combinators constrain the value: allow null beside them.
    const { title, description, default: fallback, ...rest } = result;
    return {
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
      ...(fallback === undefined ? {} : { default: fallback }),
      anyOf: [rest, { type: 'null' }],
    };
  }
  return result;
}

// Inlines the target of a local `$ref`; the keywords beside it apply too (JSON Schema 2019).
function convertReference(
  schema: Record<string, unknown>,
  reference: string,
  context: Context,
): JsonSchema | boolean {
  const target = resolve(reference, context.roots);
  let inlined: JsonSchema | boolean = true;
  if (target !== undefined && !(isRecord(target) && context.resolving.has(target))) {
    if (isRecord(target)) context.resolving.add(target);
    inlined = convert(target, context);
    if (isRecord(target)) context.resolving.delete(target);
  }
  const { $ref: _reference, ...siblings } = schema;
  const beside = convert(siblings, context);
  if (typeof beside === 'boolean' || Object.keys(beside).length === 0) return inlined;
  return { ...beside, allOf: [...(beside.allOf ?? []), inlined] };
}

function resolve(reference: string, roots: unknown[]): unknown {
  if (!reference.startsWith('#')) return undefined;
  const tokens = reference
    .slice(1)
    .split('/')
    .slice(1)
    .map((token) => decodePointerToken(token));
  for (const root of roots) {
    let node: unknown = root;
    for (const token of tokens) {
      node =
        isRecord(node) || Array.isArray(node)
          ? (node as Record<string, unknown>)[token]
          : undefined;
      if (node === undefined) break;
    }
    if (node !== undefined) return node;
  }
  return undefined;
}

function decodePointerToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // Not percent-encoded after all: the token is taken as it is.
  }
  return decoded.replaceAll('~1', '/').replaceAll('~0', '~');
}

function mapValues<T>(
  record: Record<string, unknown>,
  map: (value: unknown) => T,
): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
