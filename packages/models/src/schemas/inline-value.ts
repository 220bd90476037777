import * as v from 'valibot';
import { jsonArray, jsonRecord } from '../combinators.js';
import { BboxSchema } from './bbox.js';

/** A value given inline: any JSON value, including `null`, lists, objects and bounding boxes. */
export const InlineValueSchema = v.union([
  v.string(),
  v.number(),
  v.boolean(),
  v.null(),
  jsonArray(v.unknown()),
  BboxSchema,
  jsonRecord(v.unknown()),
]);

/** An inline input or output value. */
export type InlineValue = v.InferOutput<typeof InlineValueSchema>;
