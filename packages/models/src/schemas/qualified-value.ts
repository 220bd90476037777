import type * as v from 'valibot';
import { jsonObject } from '../combinators.js';
import { FormatSchema } from './format.js';
import { InlineValueSchema } from './inline-value.js';

/** A value with its format: `{ value, mediaType?, encoding?, schema? }`. */
export const QualifiedValueSchema = jsonObject({
  ...FormatSchema.entries,
  value: InlineValueSchema,
});

/** An inline value qualified by its format. */
export type QualifiedValue = v.InferOutput<typeof QualifiedValueSchema>;
