import * as v from 'valibot';
import { jsonArray, jsonObject } from '../combinators.js';

/**
 * A named additional parameter. `value` must be a list; its items may be any JSON value (the YAML
 * names strings, numbers, lists and objects; booleans and `null` are accepted as well).
 */
export const AdditionalParameterSchema = jsonObject({
  name: v.string(),
  value: jsonArray(v.unknown()),
});

/** A named additional parameter with a list of values. */
export type AdditionalParameter = v.InferOutput<typeof AdditionalParameterSchema>;
