import * as v from 'valibot';
import { jsonObject, optionalMember } from '../combinators.js';
import { SchemaSchema } from './schema.js';

/** The format of a value: media type, encoding, and a schema given inline or by URL. */
export const FormatSchema = jsonObject({
  mediaType: optionalMember(v.string()),
  encoding: optionalMember(v.string()),
  schema: optionalMember(v.union([v.string(), SchemaSchema])),
});

/** The format of an input or output value. */
export type Format = v.InferOutput<typeof FormatSchema>;
