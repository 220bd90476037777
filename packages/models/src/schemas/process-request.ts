import * as v from 'valibot';
import { jsonArray, jsonObject, jsonRecord, optionalMember } from '../combinators.js';
import { InlineOrRefValueSchema } from './inline-or-ref-value.js';
import { OutputSchema } from './output.js';
import { ResponseTypeSchema } from './response-type.js';
import { SubscriberSchema } from './subscriber.js';

/**
 * The execute request (`POST /processes/{processID}/execution`). `inputs` and `outputs` are maps
 * keyed by identifier; an input given as a list has each item read as an {@link InlineOrRefValue}.
 */
export const ProcessRequestSchema = jsonObject({
  inputs: optionalMember(
    jsonRecord(v.union([jsonArray(InlineOrRefValueSchema), InlineOrRefValueSchema])),
  ),
  outputs: optionalMember(jsonRecord(OutputSchema)),
  response: optionalMember(ResponseTypeSchema),
  subscriber: optionalMember(SubscriberSchema),
});

/** An execute request. */
export type ProcessRequest = v.InferOutput<typeof ProcessRequestSchema>;
