import type * as v from 'valibot';
import { jsonObject } from '../combinators.js';
import { DescriptionTypeSchema } from './description-type.js';
import { SchemaSchema } from './schema.js';

/** The description of one process output: the schema of its value. */
export const OutputDescriptionSchema = jsonObject({
  ...DescriptionTypeSchema.entries,
  schema: SchemaSchema,
});

/** The description of one process output. */
export type OutputDescription = v.InferOutput<typeof OutputDescriptionSchema>;
