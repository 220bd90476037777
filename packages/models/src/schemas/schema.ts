import * as v from 'valibot';
import { jsonArray, jsonObject, jsonRecord, optionalMember } from '../combinators.js';
import { DataTypeSchema } from './data-type.js';

// Keywords whose values are not schemas themselves. Their types are inferred; only the recursive
// keywords below must be written out by hand, because TypeScript cannot infer a recursive type.
const keywords = {
  $ref: optionalMember(v.string()),
  title: optionalMember(v.string()),
  description: optionalMember(v.string()),
  type: optionalMember(v.union([DataTypeSchema, jsonArray(DataTypeSchema)])),
  format: optionalMember(v.string()),
  pattern: optionalMember(v.string()),
  multipleOf: optionalMember(v.number()),
  minimum: optionalMember(v.number()),
  maximum: optionalMember(v.number()),
  // OpenAPI 3.0 uses booleans, JSON Schema 2019 and later numbers.
  exclusiveMinimum: optionalMember(v.union([v.boolean(), v.number()])),
  exclusiveMaximum: optionalMember(v.union([v.boolean(), v.number()])),
  minLength: optionalMember(v.number()),
  maxLength: optionalMember(v.number()),
  minItems: optionalMember(v.number()),
  maxItems: optionalMember(v.number()),
  uniqueItems: optionalMember(v.boolean()),
  minProperties: optionalMember(v.number()),
  maxProperties: optionalMember(v.number()),
  required: optionalMember(jsonArray(v.string())),
  enum: optionalMember(jsonArray(v.unknown())),
  nullable: optionalMember(v.boolean()),
  readOnly: optionalMember(v.boolean()),
  writeOnly: optionalMember(v.boolean()),
  deprecated: optionalMember(v.boolean()),
  contentMediaType: optionalMember(v.string()),
  contentEncoding: optionalMember(v.string()),
};

/** The members of a {@link Schema} that are not schemas themselves. */
type SchemaKeywords = v.InferOutput<v.LooseObjectSchema<typeof keywords, undefined>>;

/** A nested schema: JSON Schema allows `true` (anything) and `false` (nothing) besides objects. */
type SubSchema = Schema | boolean;

/**
 * The JSON Schema object that describes an input or output (OpenAPI 3.0 flavour, with the JSON
 * Schema 2019 forms servers also send). Unknown keywords are preserved.
 */
export interface Schema extends SchemaKeywords {
  not?: SubSchema | undefined;
  allOf?: SubSchema[] | undefined;
  anyOf?: SubSchema[] | undefined;
  oneOf?: SubSchema[] | undefined;
  items?: SubSchema | SubSchema[] | undefined;
  properties?: Record<string, SubSchema> | undefined;
  additionalProperties?: SubSchema | undefined;
  contentSchema?: SubSchema | string | undefined;
  discriminator?: { propertyName?: string | undefined; [key: string]: unknown } | undefined;
}

const subSchema: v.GenericSchema<SubSchema> = v.lazy(() => v.union([SchemaSchema, v.boolean()]));
const subSchemas = jsonArray(subSchema);

/** The recursive JSON Schema object; nested positions also accept boolean schemas. */
export const SchemaSchema: v.GenericSchema<Schema> = jsonObject({
  ...keywords,
  not: optionalMember(subSchema),
  allOf: optionalMember(subSchemas),
  anyOf: optionalMember(subSchemas),
  oneOf: optionalMember(subSchemas),
  items: optionalMember(v.union([subSchema, subSchemas])),
  properties: optionalMember(jsonRecord(subSchema)),
  additionalProperties: optionalMember(subSchema),
  contentSchema: optionalMember(v.union([subSchema, v.string()])),
  discriminator: optionalMember(jsonObject({ propertyName: optionalMember(v.string()) })),
});
