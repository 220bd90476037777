import * as v from 'valibot';
import { jsonObject, optionalMember } from '../combinators.js';
import { DescriptionTypeSchema } from './description-type.js';
import { MaxOccursSchema } from './max-occurs.js';
import { SchemaSchema } from './schema.js';

/** The description of one process input: occurrence bounds and the schema of its value. */
export const InputDescriptionSchema = jsonObject({
  ...DescriptionTypeSchema.entries,
  minOccurs: optionalMember(v.pipe(v.number(), v.integer())),
  maxOccurs: optionalMember(v.union([v.pipe(v.number(), v.integer()), MaxOccursSchema])),
  schema: SchemaSchema,
});

/** The description of one process input. */
export type InputDescription = v.InferOutput<typeof InputDescriptionSchema>;
