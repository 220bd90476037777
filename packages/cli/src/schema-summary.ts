/**
 * Short human summaries of the input schemas of a process description (OpenAPI 3.0 flavour of
 * JSON Schema), for the `get-process` table and the comments of `create-request`.
 */
import { isRecord, preview } from './values.js';

/** An input or output of a process description, as far as the summaries need it. */
export interface ParameterLike {
  title?: string | undefined;
  schema?: unknown;
  minOccurs?: number | undefined;
  maxOccurs?: number | 'unbounded' | undefined;
}

/** What `create-request` and the `get-process` table say about one input. */
export interface InputSummary {
  title: string | undefined;
  /** `integer`, `string (date)`, `number[]`, `object (ogc-bbox)`, `string | null`, ... */
  type: string;
  required: boolean;
  /** The schema's default as JSON, if it has one. */
  default: string | undefined;
  /** Bounds, lengths, sizes, pattern and allowed values, `; `-separated. */
  constraints: string;
}

/** Summarises one input of a process description. */
export function summariseInput(input: ParameterLike): InputSummary {
  const schema = isRecord(input.schema) ? input.schema : {};
  const constraints = describeConstraints(schema);
  const { maxOccurs } = input;
  if (maxOccurs === 'unbounded' || (typeof maxOccurs === 'number' && maxOccurs > 1)) {
    constraints.push(`up to ${maxOccurs === 'unbounded' ? 'any number of' : maxOccurs} values`);
  }
  return {
    title: input.title,
    type: describeType(schema),
    required: (input.minOccurs ?? 1) > 0,
    default: 'default' in schema ? preview(schema.default, 60) : undefined,
    constraints: constraints.join('; '),
  };
}

/** The type of a schema in a few words. */
export function describeType(schema: unknown): string {
  if (!isRecord(schema)) return 'any';
  for (const key of ['oneOf', 'anyOf'] as const) {
    const alternatives = schema[key];
    if (Array.isArray(alternatives) && schema.type === undefined) {
      return alternatives.map(describeType).join(' | ');
    }
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? inferredType(schema)];
  const described = types.map((type) => {
    if (type === 'array') {
      const { items } = schema;
      return Array.isArray(items) ? 'array' : `${describeType(items)}[]`;
    }
    return schema.format && typeof type === 'string' ? `${type} (${schema.format})` : String(type);
  });
  if (schema.nullable === true) described.push('null');
  return described.join(' | ');
}

function inferredType(schema: Record<string, unknown>): string {
  if (isRecord(schema.properties)) return 'object';
  if ('items' in schema) return 'array';
  return 'any';
}

function describeConstraints(schema: Record<string, unknown>): string[] {
  const parts: string[] = [];
  const range = describeRange(schema, 'value');
  if (range) parts.push(range);
  const length = describeSize(schema.minLength, schema.maxLength, 'characters');
  if (length) parts.push(length);
  const items = describeSize(schema.minItems, schema.maxItems, 'items');
  if (items) parts.push(items);
  if (typeof schema.pattern === 'string') parts.push(`pattern ${schema.pattern}`);
  if (Array.isArray(schema.enum)) {
    parts.push(`one of ${schema.enum.map((value) => preview(value, 30)).join(', ')}`);
  }
  return parts;
}

function describeRange(schema: Record<string, unknown>, name: string): string | undefined {
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum, JSON Schema as numbers.
  const lower =
    typeof schema.exclusiveMinimum === 'number'
      ? `${schema.exclusiveMinimum} <`
      : typeof schema.minimum === 'number'
        ? `${schema.minimum} ${schema.exclusiveMinimum === true ? '<' : '<='}`
        : '';
  const upper =
    typeof schema.exclusiveMaximum === 'number'
      ? `< ${schema.exclusiveMaximum}`
      : typeof schema.maximum === 'number'
        ? `${schema.exclusiveMaximum === true ? '<' : '<='} ${schema.maximum}`
        : '';
  if (!lower && !upper) return undefined;
  return [lower, name, upper].filter(Boolean).join(' ');
}

function describeSize(min: unknown, max: unknown, unit: string): string | undefined {
  const low = typeof min === 'number' ? min : undefined;
  const high = typeof max === 'number' ? max : undefined;
  if (low === undefined && high === undefined) return undefined;
  if (low === high) return `${low} ${unit}`;
  if (high === undefined) return `at least ${low} ${unit}`;
  if (low === undefined || low === 0) return `at most ${high} ${unit}`;
  return `${low} to ${high} ${unit}`;
}
