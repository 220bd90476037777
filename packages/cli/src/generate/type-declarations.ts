/**
 * TypeScript declarations from the JSON Schemas of a process's inputs and outputs, written by
 * json-schema-to-typescript: literal unions for enums, optional members for what is not required,
 * arrays and nested objects typed, and the schema's title, description, default and bounds as
 * TSDoc.
 */
import type { JsonSchema } from '@s2gos/models';
import { compile } from 'json-schema-to-typescript';
import { docComment } from './doc-comment.js';

// Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
const NESTED = ['not', 'additionalProperties', 'items', 'allOf', 'anyOf', 'oneOf'];
const NESTED_MAPS = ['properties', 'patternProperties'];
// Keywords json-schema-to-typescript copies into the code it writes: a server must not choose
// the code we generate, so they go.
const CODE_KEYWORDS = ['tsType', 'tsEnumNames', '$id', 'id', '$ref', 'definitions', '$defs'];
// Keywords that say what type a value has; a schema without any of them allows any value.
const CONSTRAINING = [
  'type',
  'enum',
  'const',
  'properties',
  'patternProperties',
  'additionalProperties',
  'required',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
];
// Constraints a type cannot express, shown as TSDoc tags.
const TAGGED = [
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'contentMediaType',
] as const;

/**
 * The declaration of type `name` for `schema`, documented with `comment`: an interface for an
 * object with properties, `Record<string, never>` for one without.
 */
export async function typeDeclaration(
  name: string,
  schema: JsonSchema,
  comment: string,
): Promise<string> {
  if (Object.keys(schema.properties ?? {}).length === 0) {
    return `${docComment(comment)}export type ${name} = Record<string, never>;\n`;
  }
  const prepared = { ...(documented(schema) as object), title: name, description: comment };
  return compile(prepared as Parameters<typeof compile>[0], name, {
    bannerComment: '',
    format: false,
    // The declarations go into one module together; each names only itself.
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
    // Arrays stay arrays (their bounds are in the TSDoc) rather than unions of tuples.
    ignoreMinAndMaxItems: true,
    enableConstEnums: false,
    inferStringEnumKeysFromValues: false,
    unknownAny: true,
    // Every `$ref` is inlined before; nothing may be fetched.
    $refOptions: { resolve: { external: false } },
  });
}

/**
 * A copy of `schema` ready for json-schema-to-typescript: titles move into the descriptions (a
 * titled schema would become a separately named type, and names of two processes would clash),
 * defaults and bounds are added to them as TSDoc tags.
 */
function documented(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const source = schema as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (CODE_KEYWORDS.includes(key) || key === 'title' || key === 'description') continue;
    if (NESTED.includes(key)) {
      result[key] = Array.isArray(value) ? value.map(documented) : documented(value);
    } else if (NESTED_MAPS.includes(key) && isRecord(value)) {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, documented(sub)]),
      );
    } else result[key] = value;
  }
  const text = documentation(source);
  if (text) result.description = text;
  // json-schema-to-typescript reads a schema that constrains nothing as an object.
  if (!CONSTRAINING.some((keyword) => keyword in result)) result.tsType = 'unknown';
  return result;
}

function documentation(schema: Record<string, unknown>): string {
  const paragraphs = [schema.title, schema.description].filter(
    (text): text is string => typeof text === 'string' && text.trim() !== '',
  );
  const tags: string[] = [];
  if (schema.default !== undefined) tags.push(`@default ${JSON.stringify(schema.default)}`);
  for (const keyword of TAGGED) {
    const value = schema[keyword];
    if (typeof value === 'number' || typeof value === 'string') tags.push(`@${keyword} ${value}`);
  }
  if (tags.length > 0) paragraphs.push(tags.join('\n'));
  return paragraphs.join('\n\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
