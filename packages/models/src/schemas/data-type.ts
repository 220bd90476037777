import * as v from 'valibot';

/** The JSON Schema primitive types a {@link Schema} may name in `type` (`'null'` included). */
export const DataTypeSchema = v.picklist([
  'array',
  'boolean',
  'integer',
  'null',
  'number',
  'object',
  'string',
]);

/** A JSON Schema primitive type name. */
export type DataType = v.InferOutput<typeof DataTypeSchema>;
